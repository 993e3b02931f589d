package io.orbitr.engine;

import io.orbitr.InvalidValueException;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A container's resource limits.
 *
 * @param memoryBytes the memory limit; empty for none. The engine refuses less than 6 MiB.
 * @param cpus        the CPU limit in cores, for example {@code 0.5}; empty for none
 */
public record ContainerLimits(OptionalLong memoryBytes, OptionalDouble cpus) {
    /** The engine's smallest memory limit. */
    public static final long MIN_MEMORY_BYTES = 6L * 1024 * 1024;
    private static final ContainerLimits NONE = new ContainerLimits(OptionalLong.empty(), OptionalDouble.empty());

    /** Validates the limits. */
    public ContainerLimits {
        Objects.requireNonNull(memoryBytes, "memoryBytes");
        Objects.requireNonNull(cpus, "cpus");
        if (memoryBytes.isPresent() && memoryBytes.getAsLong() < MIN_MEMORY_BYTES) {
            throw new InvalidValueException("memory limit", memoryBytes.getAsLong() + " bytes",
                    "must be at least 6 MiB (" + MIN_MEMORY_BYTES + " bytes)");
        }
        if (cpus.isPresent() && !(cpus.getAsDouble() >= 0.01 && cpus.getAsDouble() <= 1024)) {
            throw new InvalidValueException("cpu limit", cpus.getAsDouble(), "must be between 0.01 and 1024 cores");
        }
    }

    /** @return no limits */
    public static ContainerLimits none() {
        return NONE;
    }

    /**
     * @param bytes the memory limit
     * @return a copy with this memory limit
     */
    public ContainerLimits withMemory(long bytes) {
        return new ContainerLimits(OptionalLong.of(bytes), cpus);
    }

    /**
     * @param cores the CPU limit in cores
     * @return a copy with this CPU limit
     */
    public ContainerLimits withCpus(double cores) {
        return new ContainerLimits(memoryBytes, OptionalDouble.of(cores));
    }
}
