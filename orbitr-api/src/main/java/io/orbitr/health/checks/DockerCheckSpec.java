package io.orbitr.health.checks;

import io.orbitr.health.CheckSpec;
import java.util.Map;

/**
 * A {@code docker} check, typed: a container's state and its own {@code HEALTHCHECK} (needs orbitr-docker).
 *
 * <pre>{@code
 * CheckSpec spec = DockerCheckSpec.container("web-1").toSpec();
 * }</pre>
 */
public final class DockerCheckSpec {
    private final String container;

    private DockerCheckSpec(String container) {
        this.container = container;
    }

    /**
     * @param container the container's name or id
     * @return a check of it
     */
    public static DockerCheckSpec container(String container) {
        return new DockerCheckSpec(java.util.Objects.requireNonNull(container, "container"));
    }

    /** @return the spec, as a host could have written it by hand */
    public CheckSpec toSpec() {
        return new CheckSpec("docker", Map.of("container", container));
    }
}
