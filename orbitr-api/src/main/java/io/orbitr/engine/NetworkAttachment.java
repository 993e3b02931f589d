package io.orbitr.engine;

import java.util.Objects;

/**
 * A container attached to a network, as the network sees it.
 *
 * @param containerId   the container's id
 * @param containerName the container's name
 * @param ipv4Address   its address in CIDR notation, for example {@code 172.30.0.2/24}; empty when none
 * @param macAddress    its MAC address; empty when none
 */
public record NetworkAttachment(String containerId, String containerName, String ipv4Address, String macAddress) {

    /** Refuses nulls. */
    public NetworkAttachment {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(containerName, "containerName");
        Objects.requireNonNull(ipv4Address, "ipv4Address");
        Objects.requireNonNull(macAddress, "macAddress");
    }
}
