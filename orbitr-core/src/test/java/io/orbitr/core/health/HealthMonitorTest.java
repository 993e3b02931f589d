package io.orbitr.core.health;

import static io.orbitr.health.HealthStatus.DOWN;
import static io.orbitr.health.HealthStatus.PAUSED;
import static io.orbitr.health.HealthStatus.PENDING;
import static io.orbitr.health.HealthStatus.UNKNOWN;
import static io.orbitr.health.HealthStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HistoryEntry;
import io.orbitr.health.MonitorMetrics;
import io.orbitr.Page;
import io.orbitr.health.TargetStatus;
import io.orbitr.notify.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@OnEveryStore
class HealthMonitorTest {
    private final TestStore store;
    private final MonitorFixture fixture;

    HealthMonitorTest(TestStore store) {
        this.store = store;
        this.fixture = new MonitorFixture(store.settings());
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private List<HealthStatus> storedStatuses(String id) {
        fixture.monitor.flush();
        Page<HistoryEntry> page = fixture.monitor.history(id, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"),
                1000, Optional.empty());
        return oldestFirst(page.items().stream().map(e -> e.result().status()).toList());
    }

    private List<Long> checkTimesSeconds(String id) {
        fixture.monitor.flush();
        return oldestFirst(fixture.monitor.history(id, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 1000,
                Optional.empty()).items().stream()
                .map(e -> (e.result().timestamp().toEpochMilli() - MonitorFixture.START.toEpochMilli()) / 1000)
                .toList());
    }

    private static <T> List<T> oldestFirst(List<T> newestFirst) {
        List<T> copy = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(copy);
        return copy;
    }

    @Test
    void aNewTargetIsCheckedAtOnceAndThenEveryInterval() {
        fixture.scripted("a");
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(30)).build());
        assertThat(monitor.status("a").status()).isEqualTo(UNKNOWN);

        fixture.advance(Duration.ofSeconds(95));

        assertThat(checkTimesSeconds("a")).containsExactly(0L, 30L, 60L, 90L);
        TargetStatus status = monitor.status("a");
        assertThat(status.status()).isEqualTo(UP);
        assertThat(status.since()).contains(MonitorFixture.START);
        assertThat(status.last()).map(HealthResult::message).contains("ok");
    }

    @Test
    void pendingWhileRetriesRemainChecksAtTheRetryIntervalThenDown() {
        fixture.scripted("a").always(DOWN);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(60)).retries(2)
                .retryInterval(Duration.ofSeconds(20)).build());

        fixture.advance(Duration.ofSeconds(101));

        // t0 PENDING, t20 PENDING, t40 DOWN, then the normal interval: t100.
        assertThat(checkTimesSeconds("a")).containsExactly(0L, 20L, 40L, 100L);
        assertThat(storedStatuses("a")).containsExactly(PENDING, PENDING, DOWN, DOWN);
        assertThat(monitor.status("a").failures()).isEqualTo(4);
    }

    @Test
    void notificationsGoOutOnlyForRealTransitions() {
        ScriptedCheck check = fixture.scripted("a").then(UP, UP, DOWN, DOWN, DOWN, UP, UP);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").name("API").interval(Duration.ofSeconds(10)).retries(1)
                .retryInterval(Duration.ofSeconds(10)).build());

        fixture.advance(Duration.ofSeconds(65));
        monitor.flush();

        assertThat(check.runs).hasValue(7);
        // UP (first, not DOWN: silent as in Uptime Kuma), UP, PENDING (silent), DOWN (notified), DOWN, UP (notified).
        assertThat(fixture.sink.transitions()).containsExactly("a:PENDING->DOWN", "a:DOWN->UP");
        Notification down = fixture.sink.received.get(0);
        assertThat(down.targetName()).isEqualTo("API");
        assertThat(down.message()).isEqualTo("API is DOWN: down by script");
        assertThat(down.id()).isPositive();
        // The same records are in the store, newest first, unread.
        Page<Notification> stored = monitor.inbox().list(false, 10, Optional.empty());
        assertThat(stored.items()).extracting(Notification::to).containsExactly(UP, DOWN);
        assertThat(monitor.inbox().unreadCount()).isEqualTo(2);
    }

    @Test
    void whileDownTheNotificationIsResentEveryNChecks() {
        fixture.scripted("a").always(DOWN);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10)).resendEvery(3).build());

        fixture.advance(Duration.ofSeconds(75));
        monitor.flush();

        // Checks at 0..70: the first is notified, then every third further DOWN check (t30, t60).
        assertThat(fixture.sink.received).hasSize(3);
        assertThat(fixture.sink.received.get(1).message()).startsWith("a is still DOWN after 4 failed checks");
    }

    @Test
    void aHangingCheckIsTimedOutByTheMonitorAndNeverDelaysOtherTargets() {
        ScriptedCheck hanging = fixture.scripted("slow").hang();
        ScriptedCheck fast = fixture.scripted("fast");
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("slow").interval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(5))
                .build());
        monitor.add(MonitorFixture.target("fast").interval(Duration.ofSeconds(1)).build());

        fixture.advance(Duration.ofMillis(4_999));
        assertThat(monitor.status("slow").status()).isEqualTo(UNKNOWN);
        assertThat(fast.runs).hasValue(5);

        fixture.advance(Duration.ofMillis(1));
        TargetStatus slow = monitor.status("slow");
        assertThat(slow.status()).isEqualTo(DOWN);
        assertThat(slow.last()).map(HealthResult::message).contains("timed out after 5000 ms");
        assertThat(hanging.cancelled).hasValue(1);
        assertThat(fast.runs).hasValue(6);
        MonitorMetrics metrics = monitor.metrics();
        assertThat(metrics.timeouts()).isEqualTo(1);
        assertThat(metrics.latenessMaxMillis()).isZero();
        assertThat(metrics.onTimeShare()).isEqualTo(1.0);
    }

    @Test
    void aBlockingCheckThatOutlivesItsTimeoutIsInterrupted() throws Exception {
        fixture.checkPool = Executors.newFixedThreadPool(2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        fixture.checks.put("blocking", () -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return HealthResult.up("never");
        });
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("blocking").interval(Duration.ofSeconds(10))
                .timeout(Duration.ofSeconds(2)).build());
        fixture.advance(Duration.ZERO);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        fixture.advance(Duration.ofSeconds(2));

        assertThat(monitor.status("blocking").status()).isEqualTo(DOWN);
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCheckThatThrowsIsDownWithItsMessage() {
        fixture.checks.put("boom", () -> {
            throw new IllegalStateException("disk on fire");
        });
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("boom").build());
        fixture.advance(Duration.ZERO);
        assertThat(monitor.status("boom").status()).isEqualTo(DOWN);
        assertThat(monitor.latest("boom")).map(HealthResult::message).contains("disk on fire");
    }

    @Test
    void theStartPeriodForgivesFailuresUntilTheFirstSuccess() {
        ScriptedCheck check = fixture.scripted("a").always(DOWN);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10))
                .startPeriod(Duration.ofSeconds(25)).build());

        fixture.advance(Duration.ofSeconds(30));
        assertThat(storedStatuses("a")).containsExactly(PENDING, PENDING, PENDING, DOWN);
        List<HistoryEntry> newestFirst = monitor.history("a", Instant.EPOCH, Instant.MAX, 10, Optional.empty())
                .items();
        assertThat(newestFirst.get(0).result().message()).isEqualTo("down by script");
        assertThat(newestFirst.get(1).result().message()).isEqualTo("down by script (in start period)");
        assertThat(check.runs).hasValue(4);
    }

    @Test
    void pausedTargetsAreNotCheckedAndResumeAtOnce() {
        ScriptedCheck check = fixture.scripted("a").always(DOWN);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10)).build());
        fixture.advance(Duration.ZERO);
        monitor.pause("a");
        fixture.advance(Duration.ofSeconds(60));

        assertThat(check.runs).hasValue(1);
        assertThat(monitor.status("a").status()).isEqualTo(PAUSED);
        assertThat(monitor.score("a")).isEmpty();

        monitor.resume("a");
        fixture.advance(Duration.ZERO);
        assertThat(check.runs).hasValue(2);
        assertThat(monitor.status("a").status()).isEqualTo(DOWN);
        monitor.flush();
        // DOWN before the pause and DOWN after it: one notification only.
        assertThat(fixture.sink.transitions()).containsExactly("a:UNKNOWN->DOWN");
    }

    @Test
    void targetsChangeAndGoAtRunTime() {
        ScriptedCheck check = fixture.scripted("a");
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10)).build());
        fixture.advance(Duration.ofSeconds(5));
        monitor.update(MonitorFixture.target("a").name("renamed").interval(Duration.ofSeconds(60)).build());
        fixture.advance(Duration.ofSeconds(100));

        // t0; the change checks at once (t5), then every 60 s (t65).
        assertThat(checkTimesSeconds("a")).containsExactly(0L, 5L, 65L);
        assertThat(monitor.status("a").name()).isEqualTo("renamed");

        monitor.remove("a");
        fixture.advance(Duration.ofSeconds(100));
        assertThat(check.runs).hasValue(3);
        assertThat(monitor.target("a")).isEmpty();
        assertThatThrownBy(() -> monitor.status("a")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("health target a");
        assertThat(monitor.history("a", Instant.EPOCH, Instant.MAX, 10, Optional.empty()).items()).isEmpty();
    }

    @Test
    void addingRefusesDuplicatesAndBadChecksBeforeStoringAnything() {
        fixture.scripted("a");
        fixture.scripted("b");
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").build());
        assertThatThrownBy(() -> monitor.add(MonitorFixture.target("a").build()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("'a' already exists");
        assertThatThrownBy(() -> monitor.add(MonitorFixture.target("unregistered").build()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("scripted.name");
        assertThatThrownBy(() -> monitor.addAll(List.of(MonitorFixture.target("b").build(),
                MonitorFixture.target("b").build()))).isInstanceOf(ConflictException.class);
        assertThat(monitor.targets(10, Optional.empty()).items()).hasSize(1);
    }

    @Test
    void monitoringResumesAfterARestartWithoutRepeatingTheFirstNotification() {
        fixture.scripted("a");
        fixture.scripted("b").always(DOWN);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10)).build());
        monitor.add(MonitorFixture.target("b").interval(Duration.ofSeconds(10)).retries(3).build());
        fixture.advance(Duration.ofSeconds(35));
        monitor.pause("a");
        monitor.flush();
        int before = fixture.sink.received.size();

        PlatformHealthMonitor restarted = fixture.restart();
        assertThat(restarted.status("a").status()).isEqualTo(PAUSED);
        assertThat(restarted.status("b").status()).isEqualTo(DOWN);
        assertThat(restarted.latest("b")).isPresent();
        restarted.resume("a");
        fixture.advance(Duration.ofSeconds(10));
        restarted.flush();

        assertThat(restarted.status("a").status()).isEqualTo(UP);
        // b was DOWN and stays DOWN (not PENDING again), a was UP and stays UP: nothing to notify.
        assertThat(restarted.status("b").status()).isEqualTo(DOWN);
        assertThat(fixture.sink.received).hasSize(before);
    }

    @Test
    void aBatchOfTargetsIsSpreadOverTheInterval() {
        for (int i = 0; i < 4; i++) {
            fixture.scripted("t" + i);
        }
        PlatformHealthMonitor monitor = fixture.start();
        monitor.addAll(List.of(MonitorFixture.target("t0").interval(Duration.ofSeconds(8)).build(),
                MonitorFixture.target("t1").interval(Duration.ofSeconds(8)).build(),
                MonitorFixture.target("t2").interval(Duration.ofSeconds(8)).build(),
                MonitorFixture.target("t3").interval(Duration.ofSeconds(8)).build()));
        fixture.advance(Duration.ofSeconds(7));
        assertThat(checkTimesSeconds("t0")).containsExactly(0L);
        assertThat(checkTimesSeconds("t1")).containsExactly(2L);
        assertThat(checkTimesSeconds("t2")).containsExactly(4L);
        assertThat(checkTimesSeconds("t3")).containsExactly(6L);
    }

    @Test
    void aFailingSinkNeverDisturbsMonitoringNorTheOtherSinks() {
        RecordingSink broken = new RecordingSink("broken", true);
        fixture.sinks = List.of(broken, fixture.sink);
        fixture.scripted("a").then(UP, DOWN, UP);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10)).build());
        fixture.advance(Duration.ofSeconds(25));
        monitor.flush();
        assertThat(storedStatuses("a")).containsExactly(UP, DOWN, UP);
        assertThat(fixture.sink.received).hasSize(2);
        assertThat(monitor.inbox().sinks()).containsExactly("broken", "recording");
    }

    @Test
    void aTargetMayNameItsSinks() {
        RecordingSink other = new RecordingSink("other", false);
        fixture.sinks = List.of(fixture.sink, other);
        fixture.scripted("a").always(DOWN);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").sinks(List.of("other")).build());
        fixture.advance(Duration.ZERO);
        monitor.flush();
        assertThat(other.received).hasSize(1);
        assertThat(fixture.sink.received).isEmpty();
    }

    @Test
    void checkNowRunsAnExtraCheckAndKeepsTheRhythm() {
        ScriptedCheck check = fixture.scripted("a");
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(60)).build());
        fixture.advance(Duration.ofSeconds(10));
        monitor.checkNow("a");
        fixture.advance(Duration.ofSeconds(61));
        assertThat(checkTimesSeconds("a")).containsExactly(0L, 10L, 70L);
        assertThat(check.runs).hasValue(3);
    }

    @Test
    void notificationsCanBeMarkedRead() {
        fixture.scripted("a").then(DOWN, UP, DOWN);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10)).build());
        fixture.advance(Duration.ofSeconds(25));
        monitor.flush();

        Page<Notification> first = monitor.inbox().list(true, 2, Optional.empty());
        assertThat(first.items()).hasSize(2);
        Page<Notification> second = monitor.inbox().list(true, 2, first.next());
        assertThat(second.items()).hasSize(1);
        assertThat(second.next()).isEmpty();
        assertThat(monitor.inbox().markRead(first.items().get(0).id())).isTrue();
        assertThat(monitor.inbox().markRead(999_999)).isFalse();
        assertThat(monitor.inbox().unreadCount()).isEqualTo(2);
        assertThat(monitor.inbox().markAllRead()).isEqualTo(2);
        assertThat(monitor.inbox().list(true, 10, Optional.empty()).items()).isEmpty();
        assertThat(monitor.inbox().list(false, 10, Optional.empty()).items()).allMatch(Notification::read);
    }

    @Test
    void aSinkThatDoesNotExistIsRefusedNamingTheOnesThatDo() {
        fixture.scripted("a");
        PlatformHealthMonitor monitor = fixture.start();
        assertThatThrownBy(() -> monitor.add(MonitorFixture.target("a").sinks(List.of("slack")).build()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid health target 'a' sinks 'slack': no notification sink has this id; "
                        + "the sinks are recording");
        assertThat(monitor.target("a")).isEmpty();
    }

    @Test
    void aRemovedTargetTakesItsNotificationsWithIt() {
        fixture.scripted("a").always(DOWN);
        fixture.scripted("b").always(DOWN);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").build());
        monitor.add(MonitorFixture.target("b").build());
        fixture.advance(Duration.ZERO);
        monitor.flush();
        monitor.remove("a");
        assertThat(monitor.inbox().list(false, 10, Optional.empty()).items()).extracting(Notification::targetId)
                .containsExactly("b");
    }

    @Test
    void listenersHearEveryStatusChangeAndAwaitReturnsOnceTheStatusIsReached() throws Exception {
        fixture.scripted("a").then(DOWN, UP);
        PlatformHealthMonitor monitor = fixture.start();
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AutoCloseable listening = monitor.addListener(c -> heard.add(c.targetId() + ":" + c.from() + "->"
                + c.to()))) {
            monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10)).build());
            fixture.advance(Duration.ZERO);
            assertThatThrownBy(() -> monitor.await("a", UP, Duration.ofMillis(50)))
                    .isInstanceOf(io.orbitr.UnavailableException.class)
                    .hasMessage("health target 'a' is DOWN, not UP, after waiting 50 ms");
            fixture.advance(Duration.ofSeconds(10));
            assertThat(monitor.await("a", UP, Duration.ofSeconds(5)).status()).isEqualTo(UP);
            monitor.pause("a");
        }
        monitor.resume("a");
        assertThat(heard).containsExactly("a:UNKNOWN->DOWN", "a:DOWN->UP", "a:UP->PAUSED");
    }

    @Test
    void statusesAreListedByGroupInPages() {
        for (String id : List.of("a", "b", "c", "d")) {
            fixture.scripted(id);
        }
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").group("web").build());
        monitor.add(MonitorFixture.target("b").group("db").build());
        monitor.add(MonitorFixture.target("c").group("web").build());
        monitor.add(MonitorFixture.target("d").group("web").build());
        Page<TargetStatus> first = monitor.statuses(Optional.of("web"), 2, Optional.empty());
        assertThat(first.items()).extracting(TargetStatus::id).containsExactly("a", "c");
        Page<TargetStatus> second = monitor.statuses(Optional.of("web"), 2, first.next());
        assertThat(second.items()).extracting(TargetStatus::id).containsExactly("d");
        assertThat(second.next()).isEmpty();
        assertThatThrownBy(() -> monitor.statuses(Optional.empty(), 0, Optional.empty()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("limit");
    }

    @Test
    void closingStopsEverything() {
        ScriptedCheck check = fixture.scripted("a");
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10)).build());
        fixture.advance(Duration.ZERO);
        monitor.close();
        fixture.advance(Duration.ofSeconds(60));
        assertThat(check.runs).hasValue(1);
        assertThatThrownBy(() -> monitor.add(MonitorFixture.target("b").build()))
                .hasMessageContaining("closed");
        AtomicBoolean closedTwice = new AtomicBoolean(true);
        monitor.close();
        assertThat(closedTwice).isTrue();
    }
}
