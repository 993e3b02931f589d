package io.orbitr.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A container as an inspect shows it.
 *
 * @param id            the full id
 * @param name          its name, without the engine's leading {@code /}
 * @param image         the image as the container was created from it, for example {@code nginx:1.27}
 * @param imageId       the image's id
 * @param created       when it was created
 * @param command       the entrypoint and command as they run, one element per argument
 * @param state         its runtime state, with its health check's report
 * @param labels        its labels
 * @param ports         its exposed ports and where they are published
 * @param mounts        its binds, volumes and tmpfs mounts
 * @param networks      the networks it is attached to
 * @param restartPolicy its restart policy
 * @param limits        its memory and CPU limits
 * @param tty           whether it has a terminal (its log is then one raw stream)
 * @param environment   its environment as the engine reports it ({@code Config.Env}): {@code NAME=value} entries in
 *                      order, the image's and the container's own
 */
public record ContainerDetails(
        String id,
        String name,
        String image,
        String imageId,
        Instant created,
        List<String> command,
        ContainerState state,
        Map<String, String> labels,
        List<PortBinding> ports,
        List<Mount> mounts,
        List<NetworkEndpoint> networks,
        ContainerRestartPolicy restartPolicy,
        ContainerLimits limits,
        boolean tty,
        List<String> environment) {

    /** Validates and freezes the details. */
    public ContainerDetails {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(created, "created");
        command = List.copyOf(command);
        Objects.requireNonNull(state, "state");
        labels = EngineValues.freeze("labels", labels);
        ports = List.copyOf(ports);
        mounts = List.copyOf(mounts);
        networks = List.copyOf(networks);
        Objects.requireNonNull(restartPolicy, "restartPolicy");
        Objects.requireNonNull(limits, "limits");
        environment = List.copyOf(environment);
    }

    /**
     * Details without the environment, for code written before it was reported.
     *
     * @param id            the full id
     * @param name          its name
     * @param image         its image
     * @param imageId       the image's id
     * @param created       when it was created
     * @param command       its command
     * @param state         its runtime state
     * @param labels        its labels
     * @param ports         its ports
     * @param mounts        its mounts
     * @param networks      its networks
     * @param restartPolicy its restart policy
     * @param limits        its limits
     * @param tty           whether it has a terminal
     */
    public ContainerDetails(String id, String name, String image, String imageId, Instant created,
            List<String> command, ContainerState state, Map<String, String> labels, List<PortBinding> ports,
            List<Mount> mounts, List<NetworkEndpoint> networks, ContainerRestartPolicy restartPolicy,
            ContainerLimits limits, boolean tty) {
        this(id, name, image, imageId, created, command, state, labels, ports, mounts, networks, restartPolicy,
                limits, tty, List.of());
    }

    /**
     * @return the environment as names and values; for a name given twice, the last value (as the process sees it)
     */
    public Map<String, String> environmentMap() {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String entry : environment) {
            int equals = entry.indexOf('=');
            map.put(equals < 0 ? entry : entry.substring(0, equals), equals < 0 ? "" : entry.substring(equals + 1));
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** @return the status, as a shortcut for {@code state().status()} */
    public ContainerStatus status() {
        return state.status();
    }

    /** @return its health check's report; empty when it has no {@code HEALTHCHECK} */
    public Optional<ContainerHealth> health() {
        return state.health();
    }

    /**
     * @param network a network's name
     * @return the container's attachment to it, if attached
     */
    public Optional<NetworkEndpoint> network(String network) {
        return networks.stream().filter(n -> n.network().equals(network)).findFirst();
    }
}
