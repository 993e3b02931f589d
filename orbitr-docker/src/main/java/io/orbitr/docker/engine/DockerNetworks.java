package io.orbitr.docker.engine;

import com.github.dockerjava.api.command.CreateNetworkCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Network;
import io.orbitr.ConflictException;
import io.orbitr.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.engine.NetworkAttachment;
import io.orbitr.engine.NetworkDetails;
import io.orbitr.engine.NetworkSpec;
import io.orbitr.engine.NetworkSubnet;
import io.orbitr.engine.Networks;
import io.orbitr.Page;
import io.orbitr.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Docker engine's networks. Thread-safe. */
final class DockerNetworks implements Networks {
    private static final Logger log = LoggerFactory.getLogger(DockerNetworks.class);
    private static final String KIND = "network";

    private final DockerCalls calls;

    DockerNetworks(DockerCalls calls) {
        this.calls = calls;
    }

    @Override
    public Page<NetworkDetails> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        List<Network> all = new ArrayList<>(calls.call(Operation.of("list", "networks"),
                client -> client.listNetworksCmd().exec()));
        all.sort(Comparator.comparing(Network::getName).thenComparing(Network::getId));
        Page<Network> slice = Page.of(all, page);
        // The engine's list leaves out the attached containers: inspect each network of the page.
        List<NetworkDetails> items = new ArrayList<>();
        for (Network listed : slice.items()) {
            Network full;
            try {
                full = calls.call(Operation.on(KIND, listed.getName(), "inspect"),
                        client -> client.inspectNetworkCmd().withNetworkId(listed.getId()).exec());
            } catch (NotFoundException removedMeanwhile) {
                full = listed;
            }
            items.add(details(full));
        }
        return new Page<>(items, slice.next(), slice.total());
    }

    @Override
    public NetworkDetails inspect(String network) {
        return details(calls.call(Operation.on(KIND, network, "inspect"),
                client -> client.inspectNetworkCmd().withNetworkId(network).exec()));
    }

    @Override
    public NetworkDetails create(NetworkSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String id = calls.call(Operation.on(KIND, spec.name(), "create"), client -> {
            CreateNetworkCmd cmd = client.createNetworkCmd()
                    .withName(spec.name())
                    .withDriver(spec.driver().engineName())
                    .withCheckDuplicate(true)
                    .withInternal(spec.internal())
                    .withAttachable(spec.attachable())
                    .withLabels(spec.labels())
                    .withOptions(spec.options());
            spec.subnet().ifPresent(subnet -> {
                Network.Ipam.Config config = new Network.Ipam.Config().withSubnet(subnet);
                spec.gateway().ifPresent(config::withGateway);
                cmd.withIpam(new Network.Ipam().withConfig(config));
            });
            return cmd.exec().getId();
        });
        log.debug("created network {} ({})", spec.name(), id);
        return inspect(id);
    }

    @Override
    public void remove(String network) {
        NetworkDetails details = inspect(network);
        if (details.isSystem()) {
            throw new ConflictException("network " + details.name()
                    + " is one of the engine's own networks (bridge, host, none) and cannot be removed");
        }
        if (!details.containers().isEmpty()) {
            throw inUse(details);
        }
        try {
            calls.run(Operation.on(KIND, details.name(), "remove"),
                    client -> client.removeNetworkCmd(details.id()).exec());
        } catch (ConflictException e) {
            // A container joined between the check and the removal: report it as the check would have.
            NetworkDetails now = inspect(details.id());
            throw now.containers().isEmpty() ? e : inUse(now);
        }
    }

    @Override
    public void connect(String network, String container) {
        attachment(network, container, "connect container " + container + " to", "already attached",
                client -> client.connectToNetworkCmd().withNetworkId(network).withContainerId(container).exec());
    }

    @Override
    public void disconnect(String network, String container) {
        attachment(network, container, "disconnect container " + container + " from", "not attached",
                client -> client.disconnectFromNetworkCmd().withNetworkId(network).withContainerId(container).exec());
    }

    /**
     * Connects or disconnects, and words the engine's refusal ("endpoint ... already exists in network", "container
     * ... is not connected to network") as the user would.
     */
    private void attachment(String network, String container, String verb, String state, DockerCalls.Action action) {
        Operation.require("container", container);
        try {
            calls.run(Operation.on(KIND, network, verb), action);
        } catch (OrbitrException e) {
            if (engineSays(e, "already exists in network") || engineSays(e, "is not connected to")) {
                throw new ConflictException("container " + container + " is " + state + " to network " + network, e);
            }
            throw e;
        }
    }

    private static ConflictException inUse(NetworkDetails details) {
        int count = details.containers().size();
        List<String> names = details.containers().stream().map(NetworkAttachment::containerName).sorted().toList();
        return new ConflictException("network " + details.name() + " is in use by " + count
                + (count == 1 ? " container " : " containers ") + names + "; disconnect or remove them first");
    }

    private static boolean engineSays(OrbitrException e, String text) {
        return e.getCause() instanceof DockerException cause
                && DockerErrors.engineMessage(cause).toLowerCase(Locale.ROOT).contains(text);
    }

    private static NetworkDetails details(Network n) {
        List<NetworkSubnet> subnets = new ArrayList<>();
        if (n.getIpam() != null && n.getIpam().getConfig() != null) {
            for (Network.Ipam.Config config : n.getIpam().getConfig()) {
                if (config.getSubnet() != null) {
                    subnets.add(new NetworkSubnet(config.getSubnet(), Optional.ofNullable(config.getGateway())
                            .filter(g -> !g.isBlank())));
                }
            }
        }
        List<NetworkAttachment> containers = new ArrayList<>();
        if (n.getContainers() != null) {
            for (Map.Entry<String, Network.ContainerNetworkConfig> e : n.getContainers().entrySet()) {
                Network.ContainerNetworkConfig c = e.getValue();
                containers.add(new NetworkAttachment(e.getKey(), ContainerMapper.text(c.getName()),
                        ContainerMapper.text(c.getIpv4Address()), ContainerMapper.text(c.getMacAddress())));
            }
        }
        containers.sort(Comparator.comparing(NetworkAttachment::containerName));
        Optional<Instant> created = n.getCreated() == null ? Optional.empty() : Optional.of(n.getCreated().toInstant());
        return new NetworkDetails(n.getId(), n.getName(), ContainerMapper.text(n.getDriver()),
                ContainerMapper.text(n.getScope()), Boolean.TRUE.equals(n.getInternal()),
                Boolean.TRUE.equals(n.isAttachable()), subnets, ContainerMapper.orEmpty(n.getLabels()),
                ContainerMapper.orEmpty(n.getOptions()), created, containers);
    }

}
