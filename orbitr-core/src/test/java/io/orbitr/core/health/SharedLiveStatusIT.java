package io.orbitr.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.orbitr.cluster.Lease;
import io.orbitr.core.Orbitr;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import io.orbitr.health.StatusChange;
import io.orbitr.testing.Await;
import io.orbitr.testing.TestStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one real PostgreSQL store share a target: the one that does not check it knows its live status
 * (status, latest result, listeners, await) within a second of the checking server, through LISTEN/NOTIFY.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedLiveStatusIT {
    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final TestStore database = new TestStore(TestStore.Kind.POSTGRESQL);
    private final AtomicInteger answer = new AtomicInteger(200);
    private HttpServer site;

    @BeforeEach
    void startSite() throws IOException {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        site.start();
    }

    @AfterEach
    void stop() {
        site.stop(0);
        database.close();
    }

    private Orbitr server(Path data) {
        return Orbitr.builder().store(database.settings()).dataDirectory(data).secretKey(KEY)
                .shareHealthTargets(true, Duration.ofSeconds(1)).build();
    }

    @Test
    void aResultRecordedOnTheServerThatDoesNotCheckAPushTargetIsAppliedByTheOneThatDoes(@TempDir Path one,
            @TempDir Path two) {
        try (Orbitr a = server(one); Orbitr b = server(two)) {
            long half = PlatformHealthMonitor.SHARDS / 2;
            Await.until("each server holds half the shards", Duration.ofSeconds(10),
                    () -> shards(a) == half && shards(b) == half);
            a.health().add(HealthTarget.builder("job", CheckSpec.of("push")).interval(Duration.ofMinutes(10))
                    .build());
            Await.until("b follows the new target", Duration.ofSeconds(10), () -> b.health().target("job")
                    .isPresent());
            String checker = a.leases().current(SharedTargets.SHARD + PlatformHealthMonitor.shardOf("job"))
                    .map(Lease::holder).orElseThrow();
            Orbitr checking = checker.equals(a.leases().holder()) ? a : b;
            Orbitr other = checking == a ? b : a;

            other.health().record("job", io.orbitr.health.HealthResult.down("the nightly job failed"));

            assertThat(checking.health().await("job", HealthStatus.DOWN, WITHIN).last()).get()
                    .satisfies(result -> assertThat(result.message()).isEqualTo("the nightly job failed"));
            other.health().await("job", HealthStatus.DOWN, WITHIN);
            checking.health().flush();
            other.health().flush();
            assertThat(checking.health().history("job", java.time.Instant.EPOCH,
                    java.time.Instant.now().plusSeconds(60), 10, java.util.Optional.empty()).items())
                    .as("stored once, by the checking server").hasSize(1);
        }
    }

    private static long shards(Orbitr server) {
        return server.leases().held().stream().filter(lease -> lease.name().startsWith(SharedTargets.SHARD)).count();
    }

    @Test
    void theServerThatDoesNotCheckATargetSeesItsTransitionsWithinASecond(@TempDir Path one, @TempDir Path two)
            throws Exception {
        try (Orbitr a = server(one); Orbitr b = server(two)) {
            // Once the shards are shared out, the target stays with one server for the test.
            long half = PlatformHealthMonitor.SHARDS / 2;
            Await.until("each server holds half the shards", Duration.ofSeconds(10),
                    () -> shards(a) == half && shards(b) == half);
            a.health().add(HealthTarget.builder("site", CheckSpec.of("http", "url", "http://127.0.0.1:"
                    + site.getAddress().getPort() + "/health")).interval(Duration.ofSeconds(1)).build());
            Await.until("b follows the new target", Duration.ofSeconds(10), () -> b.health().target("site")
                    .isPresent());
            String shard = SharedTargets.SHARD + PlatformHealthMonitor.shardOf("site");
            Await.until("a server checks the target", Duration.ofSeconds(10),
                    () -> a.leases().current(shard).isPresent());
            String checker = a.leases().current(shard).map(Lease::holder).orElseThrow();
            Orbitr checking = checker.equals(a.leases().holder()) ? a : b;
            Orbitr other = checking == a ? b : a;
            List<StatusChange> heard = new CopyOnWriteArrayList<>();
            try (AutoCloseable listener = other.health().addListener(heard::add)) {
                checking.health().await("site", HealthStatus.UP, Duration.ofSeconds(10));
                other.health().await("site", HealthStatus.UP, WITHIN);

                answer.set(503);
                checking.health().await("site", HealthStatus.DOWN, Duration.ofSeconds(10));
                assertThat(other.health().await("site", HealthStatus.DOWN, WITHIN).status())
                        .isEqualTo(HealthStatus.DOWN);
                assertThat(other.health().latest("site")).get()
                        .satisfies(result -> assertThat(result.message()).contains("503"));
                assertThat(other.health().status("site").failures()).isPositive();

                answer.set(200);
                checking.health().await("site", HealthStatus.UP, Duration.ofSeconds(10));
                other.health().await("site", HealthStatus.UP, WITHIN);
                Await.until("the listener heard DOWN -> UP", WITHIN, () -> heard.stream()
                        .anyMatch(change -> change.from() == HealthStatus.DOWN && change.to() == HealthStatus.UP),
                        heard::toString);
            }
            assertThat(heard).filteredOn(change -> change.to() == HealthStatus.DOWN).singleElement()
                    .satisfies(change -> {
                        assertThat(change.from()).isEqualTo(HealthStatus.UP);
                        assertThat(change.result().message()).contains("503");
                    });
            assertThat(checking.leases().current(shard).map(Lease::holder)).as("no takeover meanwhile")
                    .contains(checker);
        }
    }
}
