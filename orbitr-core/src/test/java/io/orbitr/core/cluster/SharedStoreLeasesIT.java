package io.orbitr.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.cluster.Lease;
import io.orbitr.cluster.Leases;
import io.orbitr.core.Orbitr;
import io.orbitr.testing.ManualClock;
import io.orbitr.testing.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two platforms on one real PostgreSQL database (one schema), sharing a hand-moved clock: a lease is one server's
 * at a time; when its holder closes, or stops renewing, the other takes it over.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedStoreLeasesIT {
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final String KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);

    private final TestStore database = new TestStore(TestStore.Kind.POSTGRESQL);
    private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));

    @AfterEach
    void drop() {
        database.close();
    }

    private Orbitr server(Path data) {
        // One secret key for both, as servers sharing a store must have.
        return Orbitr.builder().noDiscovery().store(database.settings()).dataDirectory(data).secretKey(KEY)
                .clock(clock).build();
    }

    @Test
    void aClosedServersLeasesAreTakenOverAtOnce(@TempDir Path one, @TempDir Path two) {
        Orbitr a = server(one);
        try (Orbitr b = server(two)) {
            assertThat(a.leases().holder()).isNotEqualTo(b.leases().holder());
            assertThat(a.leases().tryAcquire("health:api", TTL)).isTrue();
            assertThat(a.leases().tryAcquire("job:retention", TTL)).isTrue();
            assertThat(b.leases().tryAcquire("health:api", TTL)).isFalse();

            a.close();
            assertThat(b.leases().tryAcquire("health:api", TTL)).isTrue();
            assertThat(b.leases().tryAcquire("job:retention", TTL)).isTrue();
        } finally {
            a.close();
        }
    }

    @Test
    void aServerThatStopsRenewingLosesItsLeasesAfterTheTtl(@TempDir Path one, @TempDir Path two) {
        try (Orbitr a = server(one); Orbitr b = server(two)) {
            assertThat(a.leases().tryAcquire("health:api", TTL)).isTrue();
            clock.advance(TTL.minusMillis(1));
            assertThat(b.leases().tryAcquire("health:api", TTL)).isFalse();
            clock.advance(Duration.ofMillis(1));
            assertThat(b.leases().tryAcquire("health:api", TTL)).isTrue();
            assertThat(a.leases().current("health:api")).map(Lease::holder).contains(b.leases().holder());
            assertThat(a.leases().tryAcquire("health:api", TTL)).isFalse();
        }
    }

    @Test
    void racingServersEachGetADisjointShareAndEveryLeaseHasOneHolder(@TempDir Path one, @TempDir Path two)
            throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            names.add("health:target-" + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Orbitr a = server(one); Orbitr b = server(two)) {
            Map<String, List<String>> won = new ConcurrentHashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> runs = new ArrayList<>();
            for (Leases leases : List.of(a.leases(), b.leases(), a.leases(), b.leases())) {
                runs.add(pool.submit(() -> {
                    start.await();
                    for (String name : names) {
                        if (leases.tryAcquire(name, TTL)) {
                            won.computeIfAbsent(name, n -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                    .add(leases.holder());
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
            assertThat(won).hasSize(names.size());
            // A holder may renew its own lease (two threads of one server), but no lease went to both servers.
            won.values().forEach(holders -> assertThat(holders).containsOnly(holders.get(0)));
            // Only the test's leases: the servers also hold their health-sharing leases (health-share:...).
            assertThat(java.util.stream.Stream.concat(a.leases().held().stream(), b.leases().held().stream())
                    .filter(lease -> names.contains(lease.name())).count()).isEqualTo(names.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
