package io.orbitr.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * One address range of a network.
 *
 * @param subnet  the range in CIDR notation, for example {@code 172.30.0.0/24}
 * @param gateway the gateway address, when one is set
 */
public record NetworkSubnet(String subnet, Optional<String> gateway) {

    /** Refuses nulls. */
    public NetworkSubnet {
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(gateway, "gateway");
    }
}
