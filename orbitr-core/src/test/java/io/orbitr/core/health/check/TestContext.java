package io.orbitr.core.health.check;

import io.orbitr.MissingProviderException;
import io.orbitr.spi.ProviderContext;
import io.orbitr.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/** A provider context holding the services a test gives it. */
final class TestContext implements ProviderContext {
    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
    private final Clock clock;

    TestContext(Clock clock) {
        this.clock = clock;
    }

    <T> TestContext with(Class<T> type, T service) {
        services.put(type, service);
        return this;
    }

    @Override
    public Path dataDirectory() {
        return Path.of("target");
    }

    @Override
    public Store store() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> Optional<T> lookup(Class<T> type) {
        return Optional.ofNullable(type.cast(services.get(type)));
    }

    @Override
    public <T> T require(Class<T> type) {
        return lookup(type).orElseThrow(() -> new MissingProviderException("provider of " + type.getSimpleName(),
                "orbitr-core"));
    }
}
