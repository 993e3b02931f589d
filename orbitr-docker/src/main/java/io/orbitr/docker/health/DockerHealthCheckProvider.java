package io.orbitr.docker.health;

import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.Engines;
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
 * <p>Options: {@code container}, the container's name or id, or {@code service}, a swarm service's name or id
 * (healthy when its running tasks are as many as its replicas); {@code engine}, the endpoint's name (default
 * {@code local}). An endpoint that does not answer makes the check DOWN with the error naming the endpoint.
 *
 * <pre>{@code
 * HealthCheck check = orbitr.healthCheck(CheckSpec.of("docker", "container", "web-1"));
 * HealthCheck remote = orbitr.healthCheck(CheckSpec.of("docker", "service", "web", "engine", "edge"));
 * }</pre>
 *
 * <p>Inside the platform it uses the platform's container engine, looked up when the first check runs; outside,
 * construct it with an engine.
 */
public final class DockerHealthCheckProvider implements HealthCheckProvider {
    /** The check type. */
    public static final String ID = "docker";
    private static final List<CheckOption> OPTIONS = List.of(
            CheckOption.optional("container", OptionType.TEXT, "",
                    "the container's name or id (this or service is required)"),
            CheckOption.optional("service", OptionType.TEXT, "",
                    "a Swarm service's name or id: UP when its running tasks equal its replicas"),
            CheckOption.optional("engine", OptionType.TEXT, "local", "the engine endpoint's name"));

    private final Optional<ContainerEngine> explicitEngine;
    private final Optional<Engines> explicitEngines;
    private volatile ProviderContext context;

    /** For discovery: the engine comes from the platform when it starts. */
    public DockerHealthCheckProvider() {
        this.explicitEngine = Optional.empty();
        this.explicitEngines = Optional.empty();
    }

    /**
     * For use without the platform, with several endpoints.
     *
     * @param engines the endpoints, looked up by the check's {@code engine} option; the caller keeps ownership
     */
    public DockerHealthCheckProvider(Engines engines) {
        this.explicitEngine = Optional.empty();
        this.explicitEngines = Optional.of(Objects.requireNonNull(engines, "engines"));
    }

    /**
     * For use without the platform.
     *
     * @param engine the engine to check containers with; the caller keeps ownership
     */
    public DockerHealthCheckProvider(ContainerEngine engine) {
        this.explicitEngine = Optional.of(Objects.requireNonNull(engine, "engine"));
        this.explicitEngines = Optional.empty();
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
        String endpoint = EngineSettings.requireName(spec.string("engine").map(String::trim)
                .orElse(EngineSettings.LOCAL));
        Optional<String> container = spec.string("container").map(String::trim);
        Optional<String> service = spec.string("service").map(String::trim);
        if (container.isEmpty() && service.isEmpty()) {
            spec.requireString("container");
        }
        if (container.isPresent() && service.isPresent()) {
            throw new InvalidValueException(ID + ".service", service.get(),
                    "give either container or service, not both");
        }
        if (service.isPresent()) {
            String name = requireName("service", service.get());
            return new ServiceHealthCheck(name, endpoint, () -> engine(endpoint));
        }
        String name = requireName("container", container.get());
        return new DockerHealthCheck(name, endpoint, () -> engine(endpoint));
    }

    private static String requireName(String field, String value) {
        if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidValueException(ID + "." + field, value, "must be a " + field + " name or id");
        }
        return value;
    }

    /** The engine is looked up per check, lazily, so that a platform without one fails the check, not the start. */
    private ContainerEngine engine(String endpoint) {
        if (explicitEngines.isPresent()) {
            return explicitEngines.get().get(endpoint);
        }
        if (explicitEngine.isPresent()) {
            if (!endpoint.equals(EngineSettings.LOCAL)) {
                throw new OrbitrException("the docker health check provider was given one engine; construct it "
                        + "with Engines to check engine '" + endpoint + "'");
            }
            return explicitEngine.get();
        }
        ProviderContext current = context;
        if (current == null) {
            throw new OrbitrException("the docker health check provider is not started: let Orbitr discover it, "
                    + "or construct it with a ContainerEngine");
        }
        Optional<Engines> engines = current.lookup(Engines.class);
        if (engines.isPresent()) {
            return engines.get().get(endpoint);
        }
        if (!endpoint.equals(EngineSettings.LOCAL)) {
            throw new io.orbitr.NotFoundException("engine endpoint", endpoint);
        }
        return current.require(ContainerEngine.class);
    }
}
