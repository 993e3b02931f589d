package io.orbitr.jdclient.instance;

import io.orbitr.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.H2Stores;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.jdclient.JdClientSchema;
import io.orbitr.jdclient.config.ConfigFixtures;
import io.orbitr.jdclient.fake.FakeBinary;
import io.orbitr.jdclient.fake.Ports;
import io.orbitr.jdclient.fake.TestSupervisor;
import io.orbitr.jdclient.metrics.MetricNames;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host that assembles the manager by hand, without the platform, gets scheduled collection and cleanup. */
class HandAssemblyTest {

    @Test
    void collectsOnItsScheduleWithoutThePlatform(@TempDir Path data) {
        Path binary = FakeBinary.install(data.resolve("tools/fake-jdc"), "ok");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (JdbcStore store = H2Stores.inMemory(); TestSupervisor supervisor = new TestSupervisor()) {
            new SchemaMigrator(store, Clock.systemUTC()).migrate(Map.of(CoreSchema.COMPONENT, CoreSchema.migrations()));
            JdClientSchema.migrate(store, Clock.systemUTC());
            try (InstanceManager jdc = InstanceManager.builder(store, supervisor, data).binary(binary)
                    .scheduler(scheduler).collectionInterval(Duration.ofMillis(100))
                    .cleanupInterval(Duration.ofMillis(100)).startPeriod(Duration.ofMillis(100)).build()) {
                jdc.configs().create("pool-a", "", ConfigFixtures.valid()
                        .listeningAddress("127.0.0.1:" + Ports.free()).build());
                String id = jdc.create("miner-1", "pool-a").id();
                jdc.start("miner-1");
                Await.until("scheduled samples", Duration.ofSeconds(30),
                        () -> jdc.metrics().latest(id).containsKey(MetricNames.HEALTH_SCORE)
                                && jdc.metrics().latest(id).containsKey(MetricNames.CPU_PERCENT));
                assertThat(jdc.health("miner-1")).isPresent();
                jdc.stop("miner-1");
            }
        } finally {
            scheduler.shutdownNow();
        }
    }
}
