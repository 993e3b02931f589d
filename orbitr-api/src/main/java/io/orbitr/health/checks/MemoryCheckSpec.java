package io.orbitr.health.checks;

import io.orbitr.health.CheckSpec;
import java.util.Map;

/**
 * A {@code memory} check, typed: resident memory of a supervised process, a container or a host process tree
 * against a limit.
 *
 * <pre>{@code
 * CheckSpec spec = MemoryCheckSpec.ofContainer("db").limit("2GiB").warning("1536m").toSpec();
 * }</pre>
 */
public final class MemoryCheckSpec {
    private final Map<String, Object> options;

    private MemoryCheckSpec(Map<String, Object> options) {
        this.options = options;
    }

    /**
     * @param name a supervised process's name (its whole tree is counted)
     * @return a check of it; give a {@link #limit(String)}
     */
    public static MemoryCheckSpec ofProcess(String name) {
        return new MemoryCheckSpec(SpecOptions.of("process", name));
    }

    /**
     * @param container a container's name or id (memory without page cache, as {@code docker stats} shows it)
     * @return a check of it; give a {@link #limit(String)}
     */
    public static MemoryCheckSpec ofContainer(String container) {
        return new MemoryCheckSpec(SpecOptions.of("container", container));
    }

    /**
     * @param pid a host process (its whole tree is counted)
     * @return a check of it; give a {@link #limit(String)}
     */
    public static MemoryCheckSpec ofPid(long pid) {
        return new MemoryCheckSpec(SpecOptions.of("pid", pid));
    }

    /**
     * @param size DOWN at or above it, for example {@code 512m} or {@code 2GiB} (required)
     * @return a copy with that limit
     */
    public MemoryCheckSpec limit(String size) {
        return new MemoryCheckSpec(SpecOptions.with(options, "limit", size));
    }

    /**
     * @param size PENDING (degraded) at or above it, below the limit
     * @return a copy with that warning level
     */
    public MemoryCheckSpec warning(String size) {
        return new MemoryCheckSpec(SpecOptions.with(options, "warning", size));
    }

    /**
     * @param endpoint the engine endpoint the container runs on (default {@code local}); only with a container
     * @return a copy asking that endpoint
     */
    public MemoryCheckSpec onEngine(String endpoint) {
        return new MemoryCheckSpec(SpecOptions.with(options, "engine", endpoint));
    }

    /** @return the spec, as a host could have written it by hand */
    public CheckSpec toSpec() {
        return new CheckSpec("memory", options);
    }
}
