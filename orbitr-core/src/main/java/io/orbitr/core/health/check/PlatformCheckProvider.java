package io.orbitr.core.health.check;

import io.orbitr.MissingProviderException;
import io.orbitr.health.HealthCheckProvider;
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
}
