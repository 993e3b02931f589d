package io.orbitr.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A container as a list shows it.
 *
 * @param id         the full id
 * @param name       its name, without the engine's leading {@code /}
 * @param image      the image as the container was created from it, for example {@code nginx:1.27}
 * @param imageId    the image's id
 * @param command    the command line, as one text
 * @param created    when it was created
 * @param status     its state
 * @param statusText the engine's human description, for example {@code Up 5 minutes (healthy)}
 * @param labels     its labels
 * @param ports      its ports
 * @param networks   the names of the networks it is attached to
 */
public record ContainerSummary(
        String id,
        String name,
        String image,
        String imageId,
        String command,
        Instant created,
        ContainerStatus status,
        String statusText,
        Map<String, String> labels,
        List<PortBinding> ports,
        List<String> networks) {

    /** Validates and freezes the summary. */
    public ContainerSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusText, "statusText");
        labels = EngineValues.freeze("labels", labels);
        ports = List.copyOf(ports);
        networks = List.copyOf(networks);
    }
}
