package io.orbitr.core.health;

import static io.orbitr.health.HealthStatus.DOWN;
import static io.orbitr.health.HealthStatus.PENDING;
import static io.orbitr.health.HealthStatus.UNKNOWN;
import static io.orbitr.health.HealthStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthMonitor;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import io.orbitr.health.HistoryEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Push targets: results recorded from outside the scheduler, and the watchdog for the ones that do not come. */
class PushTargetTest {
    private final MonitorFixture fixture = new MonitorFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static HealthTarget.Builder push(String id) {
        return HealthTarget.builder(id, CheckSpec.of(HealthMonitor.PUSH)).interval(Duration.ofSeconds(60));
    }

    private List<HistoryEntry> history(String id) {
        fixture.monitor.flush();
        List<HistoryEntry> entries = new ArrayList<>(fixture.monitor.history(id, Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z"), 1000, Optional.empty()).items());
        Collections.reverse(entries);
        return entries;
    }

    private List<HealthStatus> statuses(String id) {
        return history(id).stream().map(e -> e.result().status()).toList();
    }

    @Test
    void recordedResultsCountAsChecksWithTheirOwnTimestamps() {
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(push("job").retries(1).build());
        Instant observed = MonitorFixture.START.minusSeconds(5);

        monitor.record("job", HealthResult.up("done").timed(observed, Duration.ofMillis(40)));
        fixture.advance(Duration.ofSeconds(10));
        monitor.record("job", HealthResult.down("failed"));
        monitor.record("job", HealthResult.down("failed again"));

        assertThat(monitor.status("job").status()).isEqualTo(DOWN);
        List<HistoryEntry> entries = history("job");
        assertThat(entries).extracting(e -> e.result().status()).containsExactly(UP, PENDING, DOWN);
        assertThat(entries.get(0).result().timestamp()).isEqualTo(observed);
        assertThat(entries.get(0).result().duration()).isEqualTo(Duration.ofMillis(40));
        // A result without a stamp is stamped when it is recorded.
        assertThat(entries.get(1).result().timestamp()).isEqualTo(MonitorFixture.START.plusSeconds(10));
        assertThat(fixture.sink.transitions()).containsExactly("job:PENDING->DOWN");
    }

    @Test
    void theMonitorDoesNotCheckAPushTargetWhileResultsKeepComing() {
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(push("job").build());

        for (int i = 0; i < 5; i++) {
            fixture.advance(Duration.ofSeconds(50));
            monitor.record("job", HealthResult.up("alive"));
        }

        assertThat(statuses("job")).containsExactly(UP, UP, UP, UP, UP);
        assertThat(monitor.status("job").status()).isEqualTo(UP);
    }

    @Test
    void noResultForAnIntervalIsAFailedCheckWithRetries() {
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(push("job").retries(1).retryInterval(Duration.ofSeconds(20)).build());
        assertThat(monitor.status("job").status()).isEqualTo(UNKNOWN);

        fixture.advance(Duration.ofSeconds(30));
        monitor.record("job", HealthResult.up("alive"));
        // Due again at 90 s (30 + 60): PENDING, then DOWN after the retry interval, at 110 s.
        fixture.advance(Duration.ofSeconds(59));
        assertThat(monitor.status("job").status()).isEqualTo(UP);
        fixture.advance(Duration.ofSeconds(22));

        List<HistoryEntry> entries = history("job");
        assertThat(entries).extracting(e -> e.result().status()).containsExactly(UP, PENDING, DOWN);
        assertThat(entries.get(2).result().message()).isEqualTo(PushCheck.MISSING);
        assertThat(entries.get(2).result().timestamp()).isEqualTo(MonitorFixture.START.plusSeconds(110));
        assertThat(fixture.sink.transitions()).containsExactly("job:PENDING->DOWN");

        monitor.record("job", HealthResult.up("back"));
        assertThat(monitor.status("job").status()).isEqualTo(UP);
    }

    @Test
    void withoutTheWatchdogOnlyRecordedResultsChangeIt() {
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(HealthTarget.builder("job", CheckSpec.of(HealthMonitor.PUSH, "watchdog", false))
                .interval(Duration.ofSeconds(10)).build());

        fixture.advance(Duration.ofMinutes(5));
        assertThat(monitor.status("job").status()).isEqualTo(UNKNOWN);
        monitor.record("job", HealthResult.up("alive"));
        fixture.advance(Duration.ofMinutes(5));

        assertThat(statuses("job")).containsExactly(UP);
    }

    @Test
    void recordingIsRefusedForUnknownPausedAndCheckedTargets() {
        fixture.scripted("checked");
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("checked").build());
        monitor.add(push("job").build());
        monitor.pause("job");

        assertThatThrownBy(() -> monitor.record("nope", HealthResult.up("")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> monitor.record("checked", HealthResult.up("")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("only targets of check type 'push'");
        assertThatThrownBy(() -> monitor.record("job", HealthResult.up("")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("is paused");
        assertThatThrownBy(() -> monitor.record("job", HealthResult.of(HealthStatus.PAUSED, "")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("result.status");
        assertThatThrownBy(() -> monitor.add(HealthTarget.builder("bad", CheckSpec.of(HealthMonitor.PUSH,
                "watchdgo", false)).build())).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("'watchdgo'").hasMessageContaining("did you mean 'watchdog'");
        assertThatThrownBy(() -> monitor.add(HealthTarget.builder("bad", CheckSpec.of(HealthMonitor.PUSH,
                "watchdog", "maybe")).build())).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("watchdog");
    }

    @Test
    void checkNowLeavesAPushTargetAlone() {
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(push("job").build());

        monitor.checkNow("job");
        fixture.advance(Duration.ofSeconds(1));

        assertThat(statuses("job")).isEmpty();
    }

    @Test
    void afterARestartAPushTargetWaitsAnIntervalForItsNextResult() {
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(push("job").build());
        monitor.record("job", HealthResult.up("alive"));

        PlatformHealthMonitor restarted = fixture.restart();
        fixture.advance(Duration.ofSeconds(59));
        assertThat(restarted.status("job").status()).isEqualTo(UP);
        fixture.advance(Duration.ofSeconds(2));

        assertThat(statuses("job")).containsExactly(UP, DOWN);
    }
}
