package io.orbitr.engine;

import java.util.Objects;

/**
 * What the engine says about itself, as a settings page shows it.
 *
 * @param version           the engine's version, for example {@code 20.10.24}
 * @param apiVersion        the engine API version it speaks, for example {@code 1.41}
 * @param operatingSystem   the host's operating system as the engine reports it
 * @param kernelVersion     the host's kernel
 * @param architecture      the host's architecture, for example {@code x86_64}
 * @param cpus              the CPUs the engine sees
 * @param memoryBytes       the memory the engine sees
 * @param containers        all containers
 * @param containersRunning running containers
 * @param images            images
 * @param storageDriver     the storage driver, for example {@code overlay2}
 * @param endpoint          the address Orbitr talks to
 */
public record EngineInfo(
        String version,
        String apiVersion,
        String operatingSystem,
        String kernelVersion,
        String architecture,
        int cpus,
        long memoryBytes,
        int containers,
        int containersRunning,
        int images,
        String storageDriver,
        String endpoint) {

    /** Refuses nulls: an engine that omits a field reports it as an empty string. */
    public EngineInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(operatingSystem, "operatingSystem");
        Objects.requireNonNull(kernelVersion, "kernelVersion");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(storageDriver, "storageDriver");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
