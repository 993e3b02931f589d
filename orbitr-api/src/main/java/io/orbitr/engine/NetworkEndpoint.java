package io.orbitr.engine;

import java.util.List;
import java.util.Objects;

/**
 * A container's attachment to one network, as the container sees it.
 *
 * @param network    the network's name
 * @param ipAddress  the container's IPv4 address on it; empty when it has none (host, none, stopped)
 * @param gateway    the network's gateway; empty when none
 * @param macAddress the container's MAC address on it; empty when none
 * @param aliases    the container's DNS aliases on it
 */
public record NetworkEndpoint(String network, String ipAddress, String gateway, String macAddress,
        List<String> aliases) {

    /** Refuses nulls and freezes the aliases. */
    public NetworkEndpoint {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(ipAddress, "ipAddress");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(macAddress, "macAddress");
        aliases = List.copyOf(aliases);
    }
}
