package io.orbitr.health.checks;

import io.orbitr.health.CheckSpec;
import java.util.Map;

/**
 * A {@code process} check, typed: a process of the platform's supervisor is running.
 *
 * <pre>{@code
 * CheckSpec spec = ProcessCheckSpec.named("jd-client-1").toSpec();
 * }</pre>
 */
public final class ProcessCheckSpec {
    private final String name;

    private ProcessCheckSpec(String name) {
        this.name = name;
    }

    /**
     * @param name the supervised process's name
     * @return a check of it
     */
    public static ProcessCheckSpec named(String name) {
        return new ProcessCheckSpec(java.util.Objects.requireNonNull(name, "name"));
    }

    /** @return the spec, as a host could have written it by hand */
    public CheckSpec toSpec() {
        return new CheckSpec("process", Map.of("process", name));
    }
}
