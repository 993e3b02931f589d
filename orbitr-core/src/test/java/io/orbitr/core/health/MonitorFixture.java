package io.orbitr.core.health;

import io.orbitr.testing.DirectExecutor;
import io.orbitr.testing.ManualClock;
import io.orbitr.InvalidValueException;
import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.Stores;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.Engines;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthTarget;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * A monitor on an in-memory store, a manual clock and a manual timer, with checks a test registers by name
 * ({@code CheckSpec.of("scripted", "name", "a")}) and sinks that record. Sinks and remediation run on the test's
 * thread, so everything but the history writer is deterministic; {@link PlatformHealthMonitor#flush()} covers the
 * writer.
 */
final class MonitorFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    final ManualClock clock = new ManualClock(START);
    final ManualTimer timer = new ManualTimer(clock);
    final JdbcStore store;
    final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();
    final RecordingSink sink = new RecordingSink("recording", false);
    ExecutorService checkPool = new DirectExecutor();
    List<RecordingSink> sinks = List.of(sink);
    Optional<ProcessSupervisor> supervisor = Optional.empty();
    Optional<ContainerEngine> engine = Optional.empty();
    Optional<Engines> engines = Optional.empty();
    PlatformHealthMonitor monitor;

    MonitorFixture() {
        this(StoreSettings.h2InMemory());
    }

    /** @param settings the store to run on (a test on every store gives its {@code TestStore}'s settings) */
    MonitorFixture(StoreSettings settings) {
        store = Stores.open(settings, Path.of("unused-data-directory"));
        new SchemaMigrator(store, clock).migrate(Map.of(CoreSchema.COMPONENT, CoreSchema.migrations()));
    }

    PlatformHealthMonitor start() {
        monitor = PlatformHealthMonitor.builder(store, this::create).clock(clock).timer(timer).checkPool(checkPool)
                .sinkExecutor(Runnable::run).sinks(sinks).supervisor(() -> supervisor).engine(() -> engine)
                .engines(() -> engines)
                .build();
        return monitor;
    }

    /** Closes the monitor and starts a new one on the same store, as a platform restart does. */
    PlatformHealthMonitor restart() {
        monitor.close();
        return start();
    }

    ScriptedCheck scripted(String name) {
        ScriptedCheck check = new ScriptedCheck();
        checks.put(name, check);
        return check;
    }

    static HealthTarget.Builder target(String id) {
        return HealthTarget.builder(id, CheckSpec.of("scripted", "name", id));
    }

    private HealthCheck create(CheckSpec spec) {
        HealthCheck check = checks.get(spec.string("name").orElse(""));
        if (check == null) {
            throw new InvalidValueException("scripted.name", spec.string("name").orElse(""), "is not registered");
        }
        return check;
    }

    void advance(Duration duration) {
        timer.advance(duration);
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.close();
        }
        checkPool.shutdownNow();
        store.close();
    }
}
