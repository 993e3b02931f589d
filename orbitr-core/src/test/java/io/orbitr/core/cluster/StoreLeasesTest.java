package io.orbitr.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.cluster.Lease;
import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.core.store.Stores;
import io.orbitr.testing.ManualClock;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/** Two servers' leases on one store, time moved by hand. */
@OnEveryStore
class StoreLeasesTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(10);

    @Parameter
    TestStore testStore;

    private final ManualClock clock = new ManualClock(T0);
    private JdbcStore store;
    private StoreLeases a;
    private StoreLeases b;

    @BeforeEach
    void open() {
        store = Stores.open(testStore.settings(), Path.of("unused"));
        new SchemaMigrator(store, clock).migrate(Map.of(CoreSchema.COMPONENT, CoreSchema.migrations(),
                ClusterSchema.COMPONENT, ClusterSchema.migrations()));
        a = new StoreLeases(store, "server-a", clock);
        b = new StoreLeases(store, "server-b", clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void oneServerHoldsALeaseUntilItLapsesThenAnotherTakesIt() {
        assertThat(a.tryAcquire("health:api", TTL)).isTrue();
        assertThat(b.tryAcquire("health:api", TTL)).isFalse();
        assertThat(b.current("health:api")).contains(new Lease("health:api", "server-a", T0.plus(TTL)));

        clock.advance(Duration.ofSeconds(6));
        assertThat(a.tryAcquire("health:api", TTL)).as("a renewal").isTrue();
        clock.advance(Duration.ofSeconds(6));
        assertThat(b.tryAcquire("health:api", TTL)).as("renewed 6 s ago for 10 s").isFalse();

        // a stops renewing (it died): after the TTL the lease is b's, and a's next renewal is refused.
        clock.advance(TTL);
        assertThat(a.current("health:api")).isEmpty();
        assertThat(b.tryAcquire("health:api", TTL)).isTrue();
        assertThat(a.tryAcquire("health:api", TTL)).isFalse();
        assertThat(b.held()).extracting(Lease::name).containsExactly("health:api");
        assertThat(a.held()).isEmpty();
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceAndReleasingAnothersLeaseDoesNothing() {
        assertThat(a.tryAcquire("job:retention", TTL)).isTrue();
        b.release("job:retention");
        assertThat(b.tryAcquire("job:retention", TTL)).isFalse();
        a.release("job:retention");
        assertThat(b.tryAcquire("job:retention", TTL)).isTrue();

        assertThat(a.tryAcquire("health:x", TTL)).isTrue();
        assertThat(a.tryAcquire("health:y", TTL)).isTrue();
        a.releaseAll();
        assertThat(a.held()).isEmpty();
        assertThat(b.held()).extracting(Lease::name).containsExactly("job:retention");
    }

    @Test
    void badNamesAndTtlsAreRefused() {
        assertThatThrownBy(() -> a.tryAcquire("", TTL)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("lease name");
        assertThatThrownBy(() -> a.tryAcquire("x", Duration.ZERO)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("ttl");
        assertThatThrownBy(() -> a.tryAcquire("x", Duration.ofDays(2))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("1 day");
    }
}
