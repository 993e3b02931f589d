package io.orbitr.core;

import io.orbitr.spi.ProviderContext;
import io.orbitr.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/** What the platform hands to its providers. */
record PlatformContext(Path dataDirectory, Store store, Clock clock, ScheduledExecutorService scheduler,
        PlatformServices services) implements ProviderContext {

    @Override
    public <T> Optional<T> lookup(Class<T> type) {
        return services.lookup(type);
    }

    @Override
    public <T> T require(Class<T> type) {
        return services.require(type);
    }
}
