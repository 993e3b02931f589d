package io.orbitr.docker.health;

import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.swarm.ServiceDetails;
import io.orbitr.engine.swarm.Swarm;
import io.orbitr.engine.swarm.SwarmTask;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks a swarm service: UP when as many of its tasks run as it has replicas, PENDING while a rolling update is
 * under way with fewer, DOWN otherwise (with the last task error). Thread-safe.
 */
final class ServiceHealthCheck implements HealthCheck {
    private final String service;
    private final String endpoint;
    private final Supplier<ContainerEngine> engine;

    ServiceHealthCheck(String service, String endpoint, Supplier<ContainerEngine> engine) {
        this.service = service;
        this.endpoint = endpoint;
        this.engine = engine;
    }

    @Override
    public HealthResult check() {
        Swarm swarm = engine.get().swarm();
        Optional<ServiceDetails> found = swarm.find(service);
        if (found.isEmpty()) {
            return HealthResult.down("no such service " + service + " on engine " + endpoint);
        }
        int desired = found.get().replicas();
        List<SwarmTask> tasks = swarm.tasks(service);
        long running = tasks.stream().filter(SwarmTask::running).count();
        String counts = running + " of " + desired + " tasks of service " + service + " running";
        if (running == desired) {
            return HealthResult.up(counts).withDetail("running", running).withDetail("desired", desired);
        }
        String lastError = tasks.stream().map(SwarmTask::error).filter(e -> !e.isBlank()).findFirst().orElse("");
        HealthStatus status = found.get().updateState().equals("updating") ? HealthStatus.PENDING : HealthStatus.DOWN;
        HealthResult result = HealthResult.of(status, lastError.isEmpty() ? counts : counts + ": " + lastError)
                .withDetail("running", running).withDetail("desired", desired);
        return result;
    }

    @Override
    public String toString() {
        return "docker check of service " + service + " on engine " + endpoint;
    }
}
