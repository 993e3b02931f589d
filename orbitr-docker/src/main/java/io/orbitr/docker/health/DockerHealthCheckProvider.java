package io.orbitr.docker.health;

import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.health.CheckOption;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthCheckProvider;
import io.orbitr.health.OptionType;
import io.orbitr.spi.ProviderContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code docker} check type: a container's state and its own {@code HEALTHCHECK}, mapped as Uptime Kuma maps
 * them (not running or paused: DOWN; restarting: PENDING; healthy: UP; unhealthy: DOWN; starting: PENDING; running
 * without a health check: UP, with a hint). The details carry the engine's failing streak and last probe output.
 *
 * <p>Option: {@code container}, the container's name or id.
 *
 * <pre>{@code
 * HealthCheck check = orbitr.healthCheck(CheckSpec.of("docker", "container", "web-1"));
 * }</pre>
 *
 * <p>Inside the platform it uses the platform's container engine, looked up when the first check runs; outside,
 * construct it with an engine.
 */
public final class DockerHealthCheckProvider implements HealthCheckProvider {
    /** The check type. */
    public static final String ID = "docker";
    private static final List<CheckOption> OPTIONS = List.of(
            CheckOption.required("container", OptionType.TEXT, "the container's name or id"));

    private final Optional<ContainerEngine> explicitEngine;
    private volatile ProviderContext context;

    /** For discovery: the engine comes from the platform when it starts. */
    public DockerHealthCheckProvider() {
        this.explicitEngine = Optional.empty();
    }

    /**
     * For use without the platform.
     *
     * @param engine the engine to check containers with; the caller keeps ownership
     */
    public DockerHealthCheckProvider(ContainerEngine engine) {
        this.explicitEngine = Optional.of(Objects.requireNonNull(engine, "engine"));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void start(ProviderContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public void stop() {
        this.context = null;
    }

    @Override
    public List<CheckOption> options() {
        return OPTIONS;
    }

    @Override
    public HealthCheck create(CheckSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (!spec.type().equals(ID)) {
            throw new InvalidValueException("type", spec.type(), "must be " + ID + " for this provider");
        }
        String container = spec.requireString("container").trim();
        if (container.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidValueException(ID + ".container", container, "must be a container name or id");
        }
        return new DockerHealthCheck(container, this::engine);
    }

    /** The engine is looked up per check, lazily, so that a platform without one fails the check, not the start. */
    private ContainerEngine engine() {
        if (explicitEngine.isPresent()) {
            return explicitEngine.get();
        }
        ProviderContext current = context;
        if (current == null) {
            throw new OrbitrException("the docker health check provider is not started: let Orbitr discover it, "
                    + "or construct it with a ContainerEngine");
        }
        return current.require(ContainerEngine.class);
    }
}
