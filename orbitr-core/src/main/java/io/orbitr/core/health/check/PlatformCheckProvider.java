package io.orbitr.core.health.check;

import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.MissingProviderException;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.Engines;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheckProvider;
import io.orbitr.health.HealthResult;
import io.orbitr.spi.ProviderContext;
import java.time.Clock;
import java.util.Optional;

/**
 * A check provider whose checks reach platform services (the container engine, the process supervisor, the clock)
 * through the context the platform hands it at start. Services are looked up when a check runs, not when it is
 * created, because the platform creates them lazily and a host may add them later.
 */
abstract class PlatformCheckProvider implements HealthCheckProvider {
    private volatile ProviderContext context;

    @Override
    public void start(ProviderContext context) {
        this.context = context;
    }

    /** @return the platform's clock, or the system clock before the platform started this provider */
    Clock clock() {
        ProviderContext current = context;
        return current == null ? Clock.systemUTC() : current.clock();
    }

    /**
     * @param type a platform service's type
     * @param <T>  the type
     * @return the service
     * @throws MissingProviderException when the platform has none, or has not started this provider
     */
    <T> T require(Class<T> type) {
        ProviderContext current = context;
        if (current == null) {
            throw new MissingProviderException("provider of " + type.getSimpleName() + " for the '" + id()
                    + "' check (the platform has not started it)", "orbitr-core");
        }
        return current.require(type);
    }

    /**
     * @param type a platform service's type
     * @param <T>  the type
     * @return the service, or empty
     */
    <T> Optional<T> lookup(Class<T> type) {
        ProviderContext current = context;
        return current == null ? Optional.empty() : current.lookup(type);
    }

    /**
     * The engine endpoint a container check names with its {@code engine} option: {@value EngineSettings#LOCAL}
     * when omitted or blank. Refused when the check does not look at a container, and when the platform knows no
     * such endpoint (when the provider is not started yet, the name is checked when the check runs).
     *
     * @param spec      the check's spec
     * @param container whether the check looks at a container
     * @return the endpoint's name
     * @throws InvalidValueException naming {@code TYPE.engine} and the value
     */
    String endpoint(CheckSpec spec, boolean container) {
        // Blank is left out, as a form's empty field is.
        Optional<String> given = spec.string("engine").map(String::trim).filter(name -> !name.isEmpty());
        if (given.isPresent() && !container) {
            throw new InvalidValueException(id() + ".engine", given.get(),
                    "applies only to a check of a container; give container as well, or leave engine out");
        }
        String name = given.orElse(EngineSettings.LOCAL);
        try {
            EngineSettings.requireName(name);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(id() + ".engine", name, "must be an engine endpoint's name: 1 to 63 "
                    + "lowercase letters, digits, '-', '_' or '.', starting with a letter or digit");
        }
        lookup(Engines.class).ifPresent(engines -> engines.requireConfigured(id() + ".engine", name));
        return name;
    }

    /**
     * @param endpoint the endpoint's name, from {@link #endpoint(CheckSpec, boolean)}
     * @return its engine client
     * @throws MissingProviderException when the platform has no container engine
     * @throws io.orbitr.NotFoundException when the endpoint was removed since the check was made
     */
    ContainerEngine engine(String endpoint) {
        if (endpoint.equals(EngineSettings.LOCAL)) {
            return require(ContainerEngine.class);
        }
        return require(Engines.class).get(endpoint);
    }

    /**
     * @param endpoint an endpoint's name
     * @return how a message names it: nothing for {@value EngineSettings#LOCAL}, else " on engine 'NAME'"
     */
    static String onEngine(String endpoint) {
        return endpoint.equals(EngineSettings.LOCAL) ? "" : " on engine '" + endpoint + "'";
    }

    /**
     * @param error    the engine's refusal: no such container, or the endpoint does not answer
     * @param endpoint the endpoint asked
     * @return a DOWN result whose message names the endpoint
     */
    static HealthResult unreachable(OrbitrException error, String endpoint) {
        String message = String.valueOf(error.getMessage());
        return HealthResult.down(message.contains("'" + endpoint + "'") ? message : message + onEngine(endpoint));
    }
}
