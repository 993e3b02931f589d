package io.orbitr.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.core.store.Stores;
import io.orbitr.store.StoreSettings;
import io.orbitr.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two servers asking to run the same hourly job, time moved by hand. */
@Timeout(30)
class SingletonJobsTest {
    private static final Duration HOUR = Duration.ofHours(1);

    private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final JdbcStore store = Stores.open(StoreSettings.h2InMemory(), Path.of("unused"));
    private final StoreLeases leasesA;
    private final StoreLeases leasesB;

    SingletonJobsTest() {
        new SchemaMigrator(store, clock).migrate(Map.of(CoreSchema.COMPONENT, CoreSchema.migrations(),
                ClusterSchema.COMPONENT, ClusterSchema.migrations()));
        leasesA = new StoreLeases(store, "server-a", clock);
        leasesB = new StoreLeases(store, "server-b", clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void oneServerRunsTheJobWhileItLivesAndAnotherAfterItsLeaseLapses() {
        SingletonJobs a = new SingletonJobs(leasesA, true);
        SingletonJobs b = new SingletonJobs(leasesB, true);
        assertThat(a.mayRun("purge", HOUR)).isTrue();
        assertThat(b.mayRun("purge", HOUR)).isFalse();
        clock.advance(HOUR);
        assertThat(b.mayRun("purge", HOUR)).as("a holds it beyond one period").isFalse();
        assertThat(a.mayRun("purge", HOUR)).isTrue();
        assertThat(b.mayRun("other-job", HOUR)).as("jobs are independent").isTrue();

        clock.advance(HOUR.multipliedBy(2)); // a died: it did not renew
        assertThat(b.mayRun("purge", HOUR)).isTrue();
        assertThat(a.mayRun("purge", HOUR)).isFalse();
    }

    @Test
    void aServerWithAStoreOfItsOwnRunsEveryJobWithoutTakingALease() {
        SingletonJobs alone = new SingletonJobs(leasesA, false);
        assertThat(alone.mayRun("purge", HOUR)).isTrue();
        assertThat(leasesA.held()).isEmpty();
    }
}
