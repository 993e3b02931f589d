package io.orbitr.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image as an inspect shows it.
 *
 * @param id           the image id ({@code sha256:...})
 * @param repoTags     its names, for example {@code nginx:1.27}
 * @param repoDigests  its registry digests, for example {@code nginx@sha256:...}
 * @param created      when it was built
 * @param sizeBytes    its size on disk
 * @param os           its operating system, for example {@code linux}
 * @param architecture its architecture, for example {@code amd64}
 * @param entrypoint   its default entrypoint
 * @param command      its default command
 * @param exposedPorts the ports it declares, for example {@code 80/tcp}
 * @param labels       its labels
 * @param layers       the digests of its layers, bottom first
 */
public record ImageDetails(
        String id,
        List<String> repoTags,
        List<String> repoDigests,
        Instant created,
        long sizeBytes,
        String os,
        String architecture,
        List<String> entrypoint,
        List<String> command,
        List<String> exposedPorts,
        Map<String, String> labels,
        List<String> layers) {

    /** Validates and freezes the details. */
    public ImageDetails {
        Objects.requireNonNull(id, "id");
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        entrypoint = List.copyOf(entrypoint);
        command = List.copyOf(command);
        exposedPorts = List.copyOf(exposedPorts);
        labels = EngineValues.freeze("labels", labels);
        layers = List.copyOf(layers);
    }
}
