package io.orbitr.docker.health;

import io.orbitr.engine.ContainerDetails;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineSettings;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import java.util.Optional;
import java.util.function.Supplier;

/** Checks one container through the container engine. Thread-safe. */
final class DockerHealthCheck implements HealthCheck {
    private final String container;
    private final String endpoint;
    private final Supplier<ContainerEngine> engine;

    DockerHealthCheck(String container, String endpoint, Supplier<ContainerEngine> engine) {
        this.container = container;
        this.endpoint = endpoint;
        this.engine = engine;
    }

    @Override
    public HealthResult check() {
        Optional<ContainerDetails> details = engine.get().containers().find(container);
        if (details.isEmpty()) {
            return HealthResult.down("no such container " + container
                    + (endpoint.equals(EngineSettings.LOCAL) ? "" : " on engine " + endpoint));
        }
        return ContainerVerdict.of(container, details.get());
    }

    @Override
    public String toString() {
        return "docker check of container " + container + " on engine " + endpoint;
    }
}
