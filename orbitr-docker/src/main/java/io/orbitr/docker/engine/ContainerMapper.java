package io.orbitr.docker.engine;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.NetworkSettings;
import com.github.dockerjava.api.model.Ports;
import io.orbitr.engine.ContainerDetails;
import io.orbitr.engine.ContainerHealth;
import io.orbitr.engine.ContainerLimits;
import io.orbitr.engine.ContainerRestartPolicy;
import io.orbitr.engine.ContainerState;
import io.orbitr.engine.ContainerStatus;
import io.orbitr.engine.ContainerSummary;
import io.orbitr.engine.Mount;
import io.orbitr.engine.NetworkEndpoint;
import io.orbitr.engine.PortBinding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Reads docker-java's container models into Orbitr's records. Engine data is trusted but may miss fields. */
final class ContainerMapper {
    private ContainerMapper() {
    }

    static ContainerSummary summary(Container c) {
        List<PortBinding> ports = new ArrayList<>();
        for (ContainerPort port : orEmpty(c.getPorts())) {
            if (port.getPrivatePort() != null) {
                ports.add(new PortBinding(port.getPrivatePort(), protocol(port.getType()), text(port.getIp()),
                        port.getPublicPort() == null ? 0 : port.getPublicPort()));
            }
        }
        List<String> networks = c.getNetworkSettings() == null || c.getNetworkSettings().getNetworks() == null
                ? List.of() : List.copyOf(c.getNetworkSettings().getNetworks().keySet());
        return new ContainerSummary(c.getId(), name(c.getNames()), text(c.getImage()), text(c.getImageId()),
                text(c.getCommand()), EngineTimes.ofEpochSeconds(c.getCreated()), status(c.getState()),
                text(c.getStatus()), orEmpty(c.getLabels()), ports, networks);
    }

    static ContainerDetails details(InspectContainerResponse r) {
        List<String> command = new ArrayList<>();
        if (r.getPath() != null && !r.getPath().isEmpty()) {
            command.add(r.getPath());
        }
        command.addAll(Arrays.asList(orEmpty(r.getArgs())));
        HostConfig host = r.getHostConfig();
        var config = r.getConfig();
        return new ContainerDetails(
                r.getId(),
                stripSlash(text(r.getName())),
                config == null ? "" : text(config.getImage()),
                text(r.getImageId()),
                EngineTimes.parseOrEpoch(r.getCreated()),
                command,
                state(r),
                config == null ? Map.of() : orEmpty(config.getLabels()),
                ports(r.getNetworkSettings()),
                mounts(r.getRawValues().get("Mounts")),
                networks(r.getNetworkSettings()),
                restartPolicy(host),
                limits(host),
                config != null && Boolean.TRUE.equals(config.getTty()),
                config == null ? List.of() : Arrays.asList(orEmpty(config.getEnv())));
    }

    static ContainerStatus status(String engineName) {
        if (engineName == null || engineName.isBlank()) {
            return ContainerStatus.DEAD;
        }
        try {
            return ContainerStatus.fromEngineName(engineName);
        } catch (RuntimeException unknown) {
            // A newer engine may add states; an unknown one is treated as not running.
            return ContainerStatus.DEAD;
        }
    }

    private static ContainerState state(InspectContainerResponse r) {
        InspectContainerResponse.ContainerState s = r.getState();
        if (s == null) {
            return new ContainerState(ContainerStatus.DEAD, false, false, false, false, 0, "", Optional.empty(),
                    Optional.empty(), 0, Optional.empty());
        }
        Long exit = s.getExitCodeLong();
        return new ContainerState(
                status(s.getStatus()),
                Boolean.TRUE.equals(s.getRunning()),
                Boolean.TRUE.equals(s.getPaused()),
                Boolean.TRUE.equals(s.getRestarting()),
                Boolean.TRUE.equals(s.getOOMKilled()),
                exit == null ? 0 : exit.intValue(),
                text(s.getError()),
                EngineTimes.parse(s.getStartedAt()),
                EngineTimes.parse(s.getFinishedAt()),
                r.getRestartCount() == null ? 0 : r.getRestartCount(),
                health(s.getHealth()));
    }

    private static Optional<ContainerHealth> health(HealthState health) {
        if (health == null || health.getStatus() == null || health.getStatus().isBlank()
                || health.getStatus().equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        List<ContainerHealth.Probe> probes = new ArrayList<>();
        if (health.getLog() != null) {
            for (HealthStateLog log : health.getLog()) {
                Long exit = log.getExitCodeLong();
                probes.add(new ContainerHealth.Probe(EngineTimes.parseOrEpoch(log.getStart()),
                        EngineTimes.parseOrEpoch(log.getEnd()), exit == null ? -1 : exit.intValue(),
                        text(log.getOutput())));
            }
        }
        int streak = health.getFailingStreak() == null ? 0 : health.getFailingStreak();
        return Optional.of(new ContainerHealth(ContainerHealth.Status.fromEngineName(health.getStatus()), streak,
                probes));
    }

    private static List<PortBinding> ports(NetworkSettings settings) {
        if (settings == null || settings.getPorts() == null) {
            return List.of();
        }
        List<PortBinding> out = new ArrayList<>();
        for (Map.Entry<ExposedPort, Ports.Binding[]> e : settings.getPorts().getBindings().entrySet()) {
            ExposedPort exposed = e.getKey();
            PortBinding.Protocol protocol = protocol(exposed.getProtocol().name());
            if (e.getValue() == null || e.getValue().length == 0) {
                out.add(new PortBinding(exposed.getPort(), protocol, "", 0));
                continue;
            }
            for (Ports.Binding binding : e.getValue()) {
                out.add(new PortBinding(exposed.getPort(), protocol, text(binding.getHostIp()),
                        hostPort(binding.getHostPortSpec())));
            }
        }
        out.sort((a, b) -> a.containerPort() != b.containerPort() ? Integer.compare(a.containerPort(),
                b.containerPort()) : a.hostIp().compareTo(b.hostIp()));
        return out;
    }

    /**
     * docker-java fills {@code getRawValues()} only on the top-level object and does not map a mount's Type, so the
     * mounts are read from the raw answer.
     */
    private static List<Mount> mounts(Object raw) {
        if (!(raw instanceof List<?> mounts)) {
            return List.of();
        }
        List<Mount> out = new ArrayList<>();
        for (Object entry : mounts) {
            if (!(entry instanceof Map<?, ?> m) || !(m.get("Destination") instanceof String target)) {
                continue;
            }
            String type = String.valueOf(m.get("Type")).toLowerCase(Locale.ROOT);
            boolean readOnly = Boolean.FALSE.equals(m.get("RW"));
            switch (type) {
                case "volume" -> out.add(new Mount(Mount.Type.VOLUME, string(m.get("Name")), target, readOnly));
                case "bind" -> out.add(new Mount(Mount.Type.BIND, string(m.get("Source")), target, readOnly));
                case "tmpfs" -> out.add(new Mount(Mount.Type.TMPFS, "", target, readOnly));
                default -> {
                    // npipe and other platform mounts have no place in Orbitr's model.
                }
            }
        }
        out.sort((a, b) -> a.target().compareTo(b.target()));
        return out;
    }

    private static String string(Object value) {
        return value == null ? "" : value.toString();
    }

    private static List<NetworkEndpoint> networks(NetworkSettings settings) {
        if (settings == null || settings.getNetworks() == null) {
            return List.of();
        }
        List<NetworkEndpoint> out = new ArrayList<>();
        for (Map.Entry<String, ContainerNetwork> e : settings.getNetworks().entrySet()) {
            ContainerNetwork n = e.getValue();
            out.add(new NetworkEndpoint(e.getKey(), text(n.getIpAddress()), text(n.getGateway()),
                    text(n.getMacAddress()), n.getAliases() == null ? List.of() : n.getAliases()));
        }
        out.sort((a, b) -> a.network().compareTo(b.network()));
        return out;
    }

    private static ContainerRestartPolicy restartPolicy(HostConfig host) {
        if (host == null || host.getRestartPolicy() == null) {
            return ContainerRestartPolicy.no();
        }
        String name = text(host.getRestartPolicy().getName());
        Integer retries = host.getRestartPolicy().getMaximumRetryCount();
        try {
            return ContainerRestartPolicy.fromEngine(name, name.equals("on-failure") && retries != null ? retries : 0);
        } catch (RuntimeException unknown) {
            return ContainerRestartPolicy.no();
        }
    }

    private static ContainerLimits limits(HostConfig host) {
        if (host == null) {
            return ContainerLimits.none();
        }
        Long memory = host.getMemory();
        Long nanoCpus = host.getNanoCPUs();
        return new ContainerLimits(memory == null || memory <= 0 ? OptionalLong.empty() : OptionalLong.of(memory),
                nanoCpus == null || nanoCpus <= 0 ? OptionalDouble.empty() : OptionalDouble.of(nanoCpus / 1e9));
    }

    private static PortBinding.Protocol protocol(String name) {
        try {
            return name == null ? PortBinding.Protocol.TCP : PortBinding.Protocol.fromEngineName(name);
        } catch (RuntimeException unknown) {
            return PortBinding.Protocol.TCP;
        }
    }

    private static int hostPort(String spec) {
        try {
            return spec == null || spec.isBlank() ? 0 : Integer.parseInt(spec.trim());
        } catch (NumberFormatException range) {
            return 0;
        }
    }

    /** The container's own name: legacy links add names such as {@code /other/alias}, which are not its own. */
    private static String name(String[] names) {
        if (names == null || names.length == 0) {
            return "";
        }
        for (String name : names) {
            String stripped = stripSlash(name);
            if (!stripped.contains("/")) {
                return stripped;
            }
        }
        return stripSlash(names[0]);
    }

    private static String stripSlash(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    static String text(String value) {
        return value == null ? "" : value;
    }

    static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private static ContainerPort[] orEmpty(ContainerPort[] ports) {
        return ports == null ? new ContainerPort[0] : ports;
    }

    private static String[] orEmpty(String[] values) {
        return values == null ? new String[0] : values;
    }
}
