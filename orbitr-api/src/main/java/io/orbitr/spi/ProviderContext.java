package io.orbitr.spi;

import io.orbitr.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the platform hands to each provider when it starts: the shared store, clock and scheduler, the data
 * directory, and a way to find the platform's other services (the container engine, the process supervisor, the
 * stream hub, the {@link io.orbitr.secret.SecretBox} that seals secrets before they are stored) without importing
 * their implementations.
 */
public interface ProviderContext {

    /** @return the directory under which Orbitr keeps its files ({@code ./orbitr-data} unless configured) */
    Path dataDirectory();

    /** @return the platform's store, open and migrated */
    Store store();

    /** @return the platform's clock; tests inject a fixed or manual one */
    Clock clock();

    /** @return the platform's shared scheduler; providers must not block its threads */
    ScheduledExecutorService scheduler();

    /**
     * Finds a platform service by type, for example {@code ContainerEngine.class} or {@code ProcessSupervisor.class}.
     *
     * @param type the service's interface
     * @param <T>  the service type
     * @return the service, or empty when no provider offers it
     */
    <T> Optional<T> lookup(Class<T> type);

    /**
     * Like {@link #lookup(Class)}, but fails with a {@link io.orbitr.MissingProviderException} naming the artifact
     * to add when the service is absent.
     *
     * @param type the service's interface
     * @param <T>  the service type
     * @return the service
     */
    <T> T require(Class<T> type);
}
