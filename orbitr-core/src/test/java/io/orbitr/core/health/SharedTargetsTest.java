package io.orbitr.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.cluster.ClusterSchema;
import io.orbitr.core.cluster.StoreLeases;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.health.AsyncHealthCheck;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;

/**
 * Two servers' monitors on one store, sharing the targets by leases: one clock and one timer, the sharing ticks
 * driven by hand, so a server "dies" by no longer ticking (its leases lapse; its own checks stop at their expiry).
 */
@Timeout(60)
@OnEveryStore
class SharedTargetsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(4);
    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration STEP = Duration.ofMillis(500);

    @Parameter
    TestStore testStore;

    private MonitorFixture fixture;
    /** When each target's checks started, on either server (ms). */
    private final Map<String, List<Long>> starts = new ConcurrentHashMap<>();
    private final Map<String, HealthStatus> verdicts = new ConcurrentHashMap<>();
    private final List<PlatformHealthMonitor> servers = new ArrayList<>();
    private final List<PlatformHealthMonitor> alive = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        fixture = new MonitorFixture(testStore.settings());
        new SchemaMigrator(fixture.store, fixture.clock).migrate(Map.of(ClusterSchema.COMPONENT,
                ClusterSchema.migrations()));
    }

    @AfterEach
    void close() {
        servers.forEach(PlatformHealthMonitor::close);
        fixture.close();
    }

    private PlatformHealthMonitor server(String name) {
        PlatformHealthMonitor monitor = PlatformHealthMonitor.builder(fixture.store, spec -> check(
                spec.string("name").orElseThrow())).clock(fixture.clock).timer(fixture.timer)
                .checkPool(fixture.checkPool).sinkExecutor(Runnable::run).sinks(fixture.sinks)
                .share(new StoreLeases(fixture.store, name, fixture.clock), TTL, false).build();
        servers.add(monitor);
        alive.add(monitor);
        return monitor;
    }

    private AsyncHealthCheck check(String id) {
        return timeout -> {
            starts.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(fixture.clock.millis());
            return CompletableFuture.completedFuture(HealthResult.of(verdicts.getOrDefault(id, HealthStatus.UP),
                    "scripted"));
        };
    }

    private static List<HealthTarget> targets(int count) {
        return IntStream.range(0, count).mapToObj(i -> HealthTarget.builder("t" + i, CheckSpec.of("scripted",
                "name", "t" + i)).interval(INTERVAL).sinks(List.of("recording")).build()).toList();
    }

    /** Moves time in steps; between steps the live servers tick and write their results. */
    private void run(Duration total) {
        for (long done = 0; done < total.toMillis(); done += STEP.toMillis()) {
            alive.forEach(PlatformHealthMonitor::shareTick);
            fixture.advance(STEP);
            // Every server's results reach the store, the stalled one's too (one that died at once loses at most the
            // results of its last 250 ms, which would make its successor check those targets early once).
            servers.forEach(PlatformHealthMonitor::flush);
        }
    }

    private void assertNoTargetCheckedTwiceInOneInterval() {
        starts.forEach((id, times) -> {
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i) - times.get(i - 1)).as("gap between checks of %s", id)
                        .isGreaterThanOrEqualTo(INTERVAL.toMillis());
            }
        });
    }

    @Test
    void aServerThatMissedTheAnnouncementsReadsTheLiveStatusOfTheOthersTargetsFromTheStore() {
        PlatformHealthMonitor a = server("server-a");
        PlatformHealthMonitor b = server("server-b");
        a.addAll(targets(20));
        run(INTERVAL.multipliedBy(2));
        List<io.orbitr.health.StatusChange> heardByB = new CopyOnWriteArrayList<>();
        b.addListener(heardByB::add);
        IntStream.range(0, 20).forEach(i -> verdicts.put("t" + i, HealthStatus.DOWN));
        run(INTERVAL.multipliedBy(2));
        // Without a change feed (as when its connection was lost), each server knows only its own targets' status.
        List<String> downOnB = IntStream.range(0, 20).mapToObj(i -> "t" + i)
                .filter(id -> b.status(id).status() == HealthStatus.DOWN).toList();
        assertThat(downOnB).hasSizeBetween(1, 19);

        b.catchUpLiveStatus();

        for (int i = 0; i < 20; i++) {
            assertThat(b.status("t" + i).status()).as("t%d on b", i).isEqualTo(HealthStatus.DOWN);
            assertThat(b.latest("t" + i)).get().extracting(HealthResult::status).isEqualTo(HealthStatus.DOWN);
        }
        assertThat(heardByB).filteredOn(change -> change.to() == HealthStatus.DOWN)
                .extracting(io.orbitr.health.StatusChange::targetId).doesNotHaveDuplicates().hasSize(20);
        assertThat(fixture.sink.transitions()).as("catching up notifies nothing: each DOWN is notified once")
                .filteredOn(transition -> transition.endsWith("->DOWN")).doesNotHaveDuplicates().hasSize(20);
    }

    @Test
    void twoServersSplitTheTargetsAndEachTargetIsCheckedOncePerInterval() {
        PlatformHealthMonitor a = server("server-a");
        a.addAll(targets(40));
        assertThat(a.sharedShards()).as("a lone server holds every shard").hasSize(PlatformHealthMonitor.SHARDS);
        run(INTERVAL.multipliedBy(2));
        PlatformHealthMonitor b = server("server-b");
        starts.clear();
        run(INTERVAL.multipliedBy(5));

        assertThat(a.sharedShards()).hasSize(PlatformHealthMonitor.SHARDS / 2);
        assertThat(b.sharedShards()).hasSize(PlatformHealthMonitor.SHARDS / 2).doesNotContainAnyElementsOf(
                a.sharedShards());
        assertThat(starts).hasSize(40);
        assertNoTargetCheckedTwiceInOneInterval();
        assertThat(b.target("t1")).as("b knows the targets a added").isPresent();
    }

    @Test
    void aDeadServersTargetsAreTakenOverWithinTwoIntervalsWithoutANotificationSentTwice() {
        PlatformHealthMonitor a = server("server-a");
        PlatformHealthMonitor b = server("server-b");
        a.addAll(targets(40));
        verdicts.put("t3", HealthStatus.DOWN);
        verdicts.put("t7", HealthStatus.DOWN);
        run(INTERVAL.multipliedBy(4));
        List<String> before = fixture.sink.transitions();
        assertThat(before).contains("t3:UNKNOWN->DOWN", "t7:UNKNOWN->DOWN");

        Set<Integer> aShards = Set.copyOf(a.sharedShards());
        assertThat(aShards).isNotEmpty();
        alive.remove(a); // a stops renewing: it stalled for good
        long died = fixture.clock.millis();
        Map<String, Integer> checksBefore = new HashMap<>();
        starts.forEach((id, times) -> checksBefore.put(id, times.size()));
        run(INTERVAL.multipliedBy(2));

        assertThat(b.sharedShards()).hasSize(PlatformHealthMonitor.SHARDS);
        starts.forEach((id, times) -> assertThat(times.get(times.size() - 1) - died)
                .as("%s checked again within two intervals of the death", id)
                .isLessThanOrEqualTo(INTERVAL.multipliedBy(2).toMillis()));
        assertThat(starts).allSatisfy((id, times) -> assertThat(times.size()).isGreaterThan(checksBefore.get(id)));
        assertNoTargetCheckedTwiceInOneInterval();
        assertThat(fixture.sink.transitions()).as("a DOWN target taken over is not notified again")
                .isEqualTo(before);
        assertThat(b.status("t3").status()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void aServerThatStopsTicksStopsCheckingWhenItsLeasesLapse() {
        PlatformHealthMonitor a = server("server-a");
        a.addAll(targets(10));
        run(INTERVAL);
        alive.remove(a);
        fixture.advance(TTL);
        starts.clear();
        fixture.advance(INTERVAL.multipliedBy(3));
        assertThat(starts).as("checks after the leases lapsed").isEmpty();
    }
}
