package io.orbitr.docker.engine;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.SwarmNodeAvailability;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.UpdateConfig;
import com.github.dockerjava.api.model.UpdateFailureAction;
import com.github.dockerjava.api.model.UpdateOrder;
import io.orbitr.engine.PortBinding;
import io.orbitr.engine.swarm.NodeAvailability;
import io.orbitr.engine.swarm.NodeRole;
import io.orbitr.engine.swarm.PublishMode;
import io.orbitr.engine.swarm.ServiceDetails;
import io.orbitr.engine.swarm.ServiceSpec;
import io.orbitr.engine.swarm.SwarmNode;
import io.orbitr.engine.swarm.SwarmTask;
import io.orbitr.engine.swarm.TaskState;
import io.orbitr.engine.swarm.UpdatePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Translates between Orbitr's swarm values and docker-java's models. */
final class SwarmMapper {
    private SwarmMapper() {
    }

    static SwarmNode node(com.github.dockerjava.api.model.SwarmNode node) {
        var spec = node.getSpec();
        var description = node.getDescription();
        var status = node.getStatus();
        var manager = node.getManagerStatus();
        return new SwarmNode(
                text(node.getId()),
                description == null ? "" : text(description.getHostname()),
                spec != null && spec.getRole() == com.github.dockerjava.api.model.SwarmNodeRole.MANAGER
                        ? NodeRole.MANAGER : NodeRole.WORKER,
                spec == null || spec.getAvailability() == null ? NodeAvailability.ACTIVE
                        : NodeAvailability.valueOf(spec.getAvailability().name()),
                status == null || status.getState() == null ? "unknown"
                        : status.getState().name().toLowerCase(Locale.ROOT),
                status == null ? "" : text(status.getAddress()),
                description == null || description.getEngine() == null ? ""
                        : text(description.getEngine().getEngineVersion()),
                manager != null && manager.isLeader(),
                node.getVersion() == null || node.getVersion().getIndex() == null ? 0 : node.getVersion().getIndex(),
                spec == null || spec.getLabels() == null ? Map.of() : spec.getLabels());
    }

    static SwarmNodeAvailability availability(NodeAvailability availability) {
        return SwarmNodeAvailability.valueOf(availability.name());
    }

    static ServiceDetails service(Service service) {
        var status = service.getUpdateStatus();
        return new ServiceDetails(
                text(service.getId()),
                spec(service.getSpec()),
                service.getVersion() == null || service.getVersion().getIndex() == null ? 0
                        : service.getVersion().getIndex(),
                instant(service.getCreatedAt()),
                instant(service.getUpdatedAt()),
                status == null || status.getState() == null ? ""
                        : status.getState().name().toLowerCase(Locale.ROOT));
    }

    static ServiceSpec spec(com.github.dockerjava.api.model.ServiceSpec spec) {
        TaskSpec task = spec.getTaskTemplate();
        ContainerSpec container = task == null ? null : task.getContainerSpec();
        ServiceSpec.Builder builder = ServiceSpec.builder(text(spec.getName()),
                container == null || container.getImage() == null ? "unknown" : container.getImage());
        if (container != null) {
            List<String> command = new ArrayList<>();
            if (container.getCommand() != null) {
                command.addAll(container.getCommand());
            }
            if (container.getArgs() != null) {
                command.addAll(container.getArgs());
            }
            builder.command(command);
            if (container.getEnv() != null) {
                for (String pair : container.getEnv()) {
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        builder.env(pair.substring(0, equals), pair.substring(equals + 1));
                    }
                }
            }
        }
        if (spec.getLabels() != null) {
            spec.getLabels().forEach(builder::label);
        }
        if (container != null && container.getMounts() != null) {
            container.getMounts().stream().filter(m -> m.getType() == MountType.VOLUME && m.getSource() != null)
                    .forEach(m -> builder.volume(m.getSource(), m.getTarget()));
        }
        if (task != null && task.getPlacement() != null && task.getPlacement().getConstraints() != null) {
            task.getPlacement().getConstraints().forEach(builder::constraint);
        }
        if (task != null && task.getNetworks() != null) {
            task.getNetworks().forEach(n -> builder.network(text(n.getTarget())));
        }
        if (spec.getEndpointSpec() != null && spec.getEndpointSpec().getPorts() != null) {
            for (PortConfig port : spec.getEndpointSpec().getPorts()) {
                PortBinding binding = port.getProtocol() == PortConfigProtocol.UDP
                        ? PortBinding.udp(port.getTargetPort()) : PortBinding.tcp(port.getTargetPort());
                builder.publish(port.getPublishedPort() > 0 ? binding.onHost(port.getPublishedPort()) : binding);
                if (port.getPublishMode() == PortConfig.PublishMode.host) {
                    builder.publishMode(PublishMode.HOST);
                }
            }
        }
        ServiceModeConfig mode = spec.getMode();
        if (mode != null && mode.getReplicated() != null) {
            builder.replicas((int) mode.getReplicated().getReplicas());
        }
        builder.updatePolicy(policy(spec.getUpdateConfig()));
        return builder.build();
    }

    /**
     * Writes an Orbitr spec onto a docker-java spec: onto a new one for a create, onto the service's current one for
     * an update, so that what Orbitr does not model (placement, resources) stays as it was; ports, networks and
     * named volumes are written when the spec has any.
     */
    static com.github.dockerjava.api.model.ServiceSpec apply(ServiceSpec spec,
            com.github.dockerjava.api.model.ServiceSpec onto) {
        TaskSpec task = onto.getTaskTemplate() == null ? new TaskSpec() : onto.getTaskTemplate();
        ContainerSpec container = task.getContainerSpec() == null ? new ContainerSpec() : task.getContainerSpec();
        container.withImage(spec.image())
                .withCommand(spec.command().isEmpty() ? null : spec.command())
                .withArgs(null)
                .withEnv(spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        if (!spec.volumes().isEmpty()) {
            container.withMounts(spec.volumes().entrySet().stream().map(v -> new Mount().withType(MountType.VOLUME)
                    .withSource(v.getKey()).withTarget(v.getValue())).toList());
        }
        task.withContainerSpec(container);
        if (!spec.constraints().isEmpty()) {
            task.withPlacement(new ServicePlacement().withConstraints(spec.constraints()));
        }
        if (!spec.networks().isEmpty()) {
            task.withNetworks(spec.networks().stream().map(n -> new NetworkAttachmentConfig().withTarget(n)).toList());
        }
        if (!spec.ports().isEmpty()) {
            onto.withEndpointSpec(new EndpointSpec().withPorts(spec.ports().stream().filter(PortBinding::isPublished)
                    .map(p -> new PortConfig().withTargetPort(p.containerPort()).withPublishedPort(p.hostPort())
                            .withProtocol(p.protocol() == PortBinding.Protocol.UDP ? PortConfigProtocol.UDP
                                    : PortConfigProtocol.TCP)
                            .withPublishMode(spec.publishMode() == PublishMode.HOST ? PortConfig.PublishMode.host
                                    : PortConfig.PublishMode.ingress))
                    .toList()));
        }
        ServiceReplicatedModeOptions replicated = new ServiceReplicatedModeOptions().withReplicas(spec.replicas());
        return onto.withName(spec.name())
                .withTaskTemplate(task)
                .withLabels(new LinkedHashMap<>(spec.labels()))
                .withMode(new ServiceModeConfig().withReplicated(replicated))
                .withUpdateConfig(updateConfig(spec.updatePolicy()));
    }

    static UpdateConfig updateConfig(UpdatePolicy policy) {
        return new UpdateConfig()
                .withParallelism((long) policy.parallelism())
                .withDelay(policy.delay().toNanos())
                .withFailureAction(UpdateFailureAction.valueOf(policy.failureAction().name()))
                .withOrder(policy.order() == UpdatePolicy.Order.START_FIRST ? UpdateOrder.START_FIRST
                        : UpdateOrder.STOP_FIRST)
                .withMonitor(policy.monitor().toNanos());
    }

    static UpdatePolicy policy(UpdateConfig config) {
        if (config == null) {
            return UpdatePolicy.DEFAULT;
        }
        UpdatePolicy policy = UpdatePolicy.DEFAULT;
        if (config.getParallelism() != null) {
            policy = policy.withParallelism(config.getParallelism().intValue());
        }
        if (config.getDelay() != null) {
            policy = policy.withDelay(Duration.ofNanos(config.getDelay()));
        }
        if (config.getFailureAction() != null) {
            policy = policy.withFailureAction(UpdatePolicy.FailureAction.valueOf(config.getFailureAction().name()));
        }
        if (config.getOrder() == UpdateOrder.START_FIRST) {
            policy = policy.withOrder(UpdatePolicy.Order.START_FIRST);
        }
        if (config.getMonitor() != null) {
            policy = policy.withMonitor(Duration.ofNanos(config.getMonitor()));
        }
        return policy;
    }

    static SwarmTask task(Task task) {
        var status = task.getStatus();
        Optional<String> container = Optional.ofNullable(status == null ? null : status.getContainerStatus())
                .map(c -> c.getContainerID()).filter(id -> !id.isBlank());
        return new SwarmTask(
                text(task.getId()),
                text(task.getServiceId()),
                task.getSlot() == null ? 0 : task.getSlot(),
                text(task.getNodeId()),
                status == null || status.getState() == null ? TaskState.UNKNOWN
                        : TaskState.parse(status.getState().getValue()),
                task.getDesiredState() == null ? TaskState.UNKNOWN : TaskState.parse(task.getDesiredState().getValue()),
                container,
                status == null ? "" : text(status.getMessage()),
                status == null ? "" : text(status.getErr()),
                EngineTimes.parseOrEpoch(status != null && status.getTimestamp() != null ? status.getTimestamp()
                        : task.getUpdatedAt()));
    }

    private static Instant instant(Date date) {
        return date == null ? Instant.EPOCH : date.toInstant();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
