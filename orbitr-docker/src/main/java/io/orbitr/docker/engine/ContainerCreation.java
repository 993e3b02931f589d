package io.orbitr.docker.engine;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import io.orbitr.engine.ContainerHealthCheck;
import io.orbitr.engine.ContainerRestartPolicy;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.Mount;
import io.orbitr.engine.PortBinding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Writes a {@link ContainerSpec} into docker-java's create command. */
final class ContainerCreation {
    private ContainerCreation() {
    }

    static CreateContainerCmd apply(ContainerSpec spec, CreateContainerCmd cmd) {
        cmd.withImage(spec.image()).withTty(spec.tty()).withLabels(spec.labels());
        spec.name().ifPresent(cmd::withName);
        if (!spec.command().isEmpty()) {
            cmd.withCmd(spec.command());
        }
        if (!spec.entrypoint().isEmpty()) {
            cmd.withEntrypoint(spec.entrypoint());
        }
        if (!spec.environment().isEmpty()) {
            List<String> env = new ArrayList<>();
            spec.environment().forEach((key, value) -> env.add(key + "=" + value));
            cmd.withEnv(env);
        }
        spec.workingDirectory().ifPresent(cmd::withWorkingDir);
        spec.user().ifPresent(cmd::withUser);
        spec.healthCheck().ifPresent(check -> cmd.withHealthcheck(healthCheck(check)));

        HostConfig host = HostConfig.newHostConfig().withRestartPolicy(restartPolicy(spec.restartPolicy()));
        if (!spec.ports().isEmpty()) {
            Set<ExposedPort> exposed = new LinkedHashSet<>();
            Ports bindings = new Ports();
            for (PortBinding port : spec.ports()) {
                ExposedPort containerSide = new ExposedPort(port.containerPort(),
                        InternetProtocol.valueOf(port.protocol().name()));
                exposed.add(containerSide);
                bindings.bind(containerSide, binding(port));
            }
            cmd.withExposedPorts(new ArrayList<>(exposed));
            host.withPortBindings(bindings);
        }
        if (!spec.mounts().isEmpty()) {
            host.withMounts(spec.mounts().stream().map(ContainerCreation::mount).toList());
        }
        if (!spec.capabilitiesAdded().isEmpty()) {
            host.withCapAdd(spec.capabilitiesAdded().stream().map(ContainerCreation::capability)
                    .toArray(Capability[]::new));
        }
        if (!spec.capabilitiesDropped().isEmpty()) {
            host.withCapDrop(spec.capabilitiesDropped().stream().map(ContainerCreation::capability)
                    .toArray(Capability[]::new));
        }
        spec.limits().memoryBytes().ifPresent(bytes -> host.withMemory(bytes));
        spec.limits().cpus().ifPresent(cores -> host.withNanoCPUs(Math.round(cores * 1e9)));
        if (!spec.networks().isEmpty()) {
            // The engine joins one network at creation; DockerContainers.create connects the rest right after.
            host.withNetworkMode(spec.networks().get(0));
            if (!spec.networkAliases().isEmpty()) {
                // docker-java puts these in NetworkingConfig under the network of NetworkMode, the first one.
                cmd.withAliases(spec.networkAliases());
            }
        }
        return cmd.withHostConfig(host);
    }

    private static Capability capability(String name) {
        String bare = name.startsWith("CAP_") ? name.substring(4) : name;
        try {
            return Capability.valueOf(bare);
        } catch (IllegalArgumentException e) {
            throw new io.orbitr.InvalidValueException("capability", name, "is not a Linux capability the engine knows");
        }
    }

    private static Ports.Binding binding(PortBinding port) {
        if (port.hostIp().isEmpty()) {
            return port.hostPort() == 0 ? Ports.Binding.empty() : Ports.Binding.bindPort(port.hostPort());
        }
        return port.hostPort() == 0 ? Ports.Binding.bindIp(port.hostIp())
                : Ports.Binding.bindIpAndPort(port.hostIp(), port.hostPort());
    }

    private static com.github.dockerjava.api.model.Mount mount(Mount mount) {
        com.github.dockerjava.api.model.Mount out = new com.github.dockerjava.api.model.Mount()
                .withTarget(mount.target()).withReadOnly(mount.readOnly());
        return switch (mount.type()) {
            case BIND -> out.withType(MountType.BIND).withSource(mount.source());
            case VOLUME -> out.withType(MountType.VOLUME).withSource(mount.source().isEmpty() ? null : mount.source());
            case TMPFS -> out.withType(MountType.TMPFS);
        };
    }

    private static HealthCheck healthCheck(ContainerHealthCheck check) {
        return new HealthCheck()
                .withTest(check.test())
                .withInterval(check.interval().toNanos())
                .withTimeout(check.timeout().toNanos())
                .withStartPeriod(check.startPeriod().toNanos())
                .withRetries(check.retries());
    }

    private static RestartPolicy restartPolicy(ContainerRestartPolicy policy) {
        return switch (policy.mode()) {
            case NO -> RestartPolicy.noRestart();
            case ALWAYS -> RestartPolicy.alwaysRestart();
            case UNLESS_STOPPED -> RestartPolicy.unlessStoppedRestart();
            case ON_FAILURE -> RestartPolicy.onFailureRestart(policy.maximumRetries());
        };
    }
}
