package io.orbitr.extension;

import io.orbitr.engine.ContainerStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * One service's container.
 *
 * @param service   the service's name
 * @param container the container's name
 * @param status    its engine status, empty when the container is missing
 * @param address   its address on the extension's network, empty when it has none
 */
public record ServiceStatus(String service, String container, Optional<ContainerStatus> status,
        Optional<String> address) {
    /** Checks for nulls. */
    public ServiceStatus {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(address, "address");
    }
}
