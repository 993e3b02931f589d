package io.orbitr.docker.engine;

import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.SwarmNodeSpec;
import com.github.dockerjava.api.model.Task;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.engine.swarm.NodeAvailability;
import io.orbitr.engine.swarm.ServiceDetails;
import io.orbitr.engine.swarm.ServiceSpec;
import io.orbitr.engine.swarm.Swarm;
import io.orbitr.engine.swarm.SwarmNode;
import io.orbitr.engine.swarm.SwarmTask;
import io.orbitr.engine.swarm.TaskState;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swarm of one Docker endpoint through docker-java's swarm commands. A service is created with the spec as
 * given: docker-java, unlike the {@code docker} CLI, never asks the engine to resolve the image's digest in a
 * registry, which is what {@code --no-resolve-image} turns off in the CLI. Thread-safe.
 */
final class DockerSwarm implements Swarm {
    private static final Logger log = LoggerFactory.getLogger(DockerSwarm.class);

    private final DockerCalls calls;

    DockerSwarm(DockerCalls calls) {
        this.calls = calls;
    }

    @Override
    public boolean isManager() {
        var info = calls.call(Operation.of("read swarm state", ""), client -> client.infoCmd().exec());
        var swarm = info.getSwarm();
        return swarm != null && Boolean.TRUE.equals(swarm.getControlAvailable())
                && swarm.getLocalNodeState() == com.github.dockerjava.api.model.LocalNodeState.ACTIVE;
    }

    @Override
    public List<SwarmNode> nodes() {
        return calls.call(Operation.of("list swarm nodes", ""), client -> client.listSwarmNodesCmd().exec()).stream()
                .map(SwarmMapper::node)
                .sorted(Comparator.comparing(SwarmNode::role).thenComparing(SwarmNode::hostname))
                .toList();
    }

    @Override
    public SwarmNode node(String node) {
        Operation.require("node", node);
        return nodes().stream().filter(n -> n.id().equals(node) || n.hostname().equals(node)).findFirst()
                .orElseThrow(() -> new NotFoundException("swarm node", node));
    }

    @Override
    public SwarmNode availability(String node, NodeAvailability availability) {
        Objects.requireNonNull(availability, "availability");
        SwarmNode current = node(node);
        var raw = calls.call(Operation.on("node", node, "inspect"),
                client -> client.listSwarmNodesCmd().withIdFilter(List.of(current.id())).exec()).stream()
                .filter(n -> current.id().equals(n.getId())).findFirst()
                .orElseThrow(() -> new NotFoundException("swarm node", node));
        SwarmNodeSpec spec = raw.getSpec() == null ? new SwarmNodeSpec() : raw.getSpec();
        spec.withAvailability(SwarmMapper.availability(availability));
        calls.run(Operation.on("node", node, "set the availability of"), client -> client.updateSwarmNodeCmd()
                .withSwarmNodeId(current.id()).withVersion(current.version()).withSwarmNodeSpec(spec).exec());
        log.info("swarm node {} on {} is now {}", current.hostname(), calls.settings().describe(), availability.id());
        return node(current.id());
    }

    @Override
    public List<ServiceDetails> services() {
        return calls.call(Operation.of("list services", ""), client -> client.listServicesCmd().exec()).stream()
                .map(SwarmMapper::service)
                .sorted(Comparator.comparing(ServiceDetails::name))
                .toList();
    }

    @Override
    public Optional<ServiceDetails> find(String service) {
        try {
            return Optional.of(inspect(service));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public ServiceDetails inspect(String service) {
        return SwarmMapper.service(raw(service));
    }

    @Override
    public String create(ServiceSpec spec) {
        Objects.requireNonNull(spec, "spec");
        var docker = SwarmMapper.apply(spec, new com.github.dockerjava.api.model.ServiceSpec());
        String id = calls.call(Operation.on("service", spec.name(), "create"),
                client -> client.createServiceCmd(docker).exec().getId());
        log.info("created service {} ({} replicas of {}) on {}", spec.name(), spec.replicas(), spec.image(),
                calls.settings().describe());
        return id;
    }

    @Override
    public ServiceDetails update(String service, ServiceSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Service current = raw(service);
        String name = current.getSpec() == null ? "" : current.getSpec().getName();
        if (!spec.name().equals(name)) {
            throw new InvalidValueException("service name", spec.name(), "must stay " + name
                    + ": a service cannot be renamed");
        }
        var docker = SwarmMapper.apply(spec, current.getSpec());
        calls.run(Operation.on("service", service, "update"), client -> client.updateServiceCmd(current.getId(), docker)
                .withVersion(current.getVersion().getIndex()).exec());
        log.info("updated service {} on {}", name, calls.settings().describe());
        return inspect(current.getId());
    }

    @Override
    public ServiceDetails scale(String service, int replicas) {
        ServiceDetails current = inspect(service);
        return update(current.id(), current.spec().withReplicas(replicas));
    }

    @Override
    public void remove(String service) {
        Operation operation = Operation.on("service", service, "remove");
        calls.run(operation, client -> client.removeServiceCmd(service).exec());
        log.info("removed service {} on {}", service, calls.settings().describe());
    }

    @Override
    public List<SwarmTask> tasks(String service) {
        String id = raw(service).getId();
        List<Task> tasks = calls.call(Operation.on("service", service, "list the tasks of"),
                client -> client.listTasksCmd().withServiceFilter(id).exec());
        return tasks.stream().map(SwarmMapper::task)
                .sorted(Comparator.comparing((SwarmTask t) -> t.desiredState() != TaskState.RUNNING)
                        .thenComparingInt(SwarmTask::slot)
                        .thenComparing(SwarmTask::updatedAt, Comparator.reverseOrder()))
                .toList();
    }

    private Service raw(String service) {
        return calls.call(Operation.on("service", service, "inspect"),
                client -> client.inspectServiceCmd(service).exec());
    }
}
