package io.orbitr.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A network with the containers attached to it.
 *
 * @param id         the network's id
 * @param name       its name
 * @param driver     its driver as the engine names it ({@code bridge}, {@code host}, {@code null}, {@code overlay},
 *                   {@code macvlan}...)
 * @param scope      {@code local} or {@code swarm}
 * @param internal   whether it is cut off from outside networks
 * @param attachable whether standalone containers may join it (overlay networks)
 * @param subnets    its address ranges
 * @param labels     its labels
 * @param options    its driver options
 * @param created    when it was created, when the engine says
 * @param containers the containers attached to it
 */
public record NetworkDetails(
        String id,
        String name,
        String driver,
        String scope,
        boolean internal,
        boolean attachable,
        List<NetworkSubnet> subnets,
        Map<String, String> labels,
        Map<String, String> options,
        Optional<Instant> created,
        List<NetworkAttachment> containers) {

    /** The networks every engine creates for itself, which can never be removed. */
    public static final Set<String> SYSTEM_NETWORKS = Set.of("bridge", "host", "none");

    /** Validates and freezes the details. */
    public NetworkDetails {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(scope, "scope");
        subnets = List.copyOf(subnets);
        labels = EngineValues.freeze("labels", labels);
        options = EngineValues.freeze("options", options);
        Objects.requireNonNull(created, "created");
        containers = List.copyOf(containers);
    }

    /** @return whether this is one of the engine's own networks ({@code bridge}, {@code host}, {@code none}) */
    public boolean isSystem() {
        return SYSTEM_NETWORKS.contains(name);
    }

    /** @return the first subnet's range, when it has one */
    public Optional<String> subnet() {
        return subnets.stream().findFirst().map(NetworkSubnet::subnet);
    }

    /** @return the first subnet's gateway, when it has one */
    public Optional<String> gateway() {
        return subnets.stream().findFirst().flatMap(NetworkSubnet::gateway);
    }
}
