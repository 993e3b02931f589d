package io.orbitr.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.health.HealthScore;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HistoryEntry;
import io.orbitr.Page;
import io.orbitr.health.ResponseTimes;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** History queries and scores on hand-built histories, written straight into {@code health_results}. */
@OnEveryStore
class HealthHistoryTest {
    private final TestStore store;
    private final MonitorFixture fixture;

    HealthHistoryTest(TestStore store) {
        this.store = store;
        this.fixture = new MonitorFixture(store.settings());
    }

    private PlatformHealthMonitor monitor;

    @BeforeEach
    void targets() {
        monitor = fixture.start();
        for (String id : List.of("healthy", "flapping", "down", "slow", "just-down", "empty")) {
            fixture.scripted(id);
            monitor.add(MonitorFixture.target(id).group(id.equals("slow") || id.equals("just-down") ? "other" : "main")
                    .interval(Duration.ofMinutes(1)).timeout(Duration.ofSeconds(10)).build());
        }
        // One result a minute over the last 100 minutes, the newest last.
        history("healthy", i -> HealthStatus.UP, i -> 50 + i % 3);
        history("flapping", i -> i % 2 == 1 ? HealthStatus.UP : HealthStatus.DOWN, i -> 100);
        history("down", i -> HealthStatus.DOWN, i -> 5000);
        history("slow", i -> HealthStatus.UP, i -> 2600);
        history("just-down", i -> i == 99 ? HealthStatus.DOWN : HealthStatus.UP, i -> 100);
        // The restored state comes from the history, as after a platform restart.
        monitor = fixture.restart();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void history(String id, java.util.function.IntFunction<HealthStatus> status,
            java.util.function.IntUnaryOperator millis) {
        long now = fixture.clock.millis();
        fixture.store.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO health_results (target_id,"
                    + " status, response_ms, message, details, checked_at) VALUES (?, ?, ?, ?, '{\"n\":1}', ?)")) {
                for (int i = 0; i < 100; i++) {
                    insert.setString(1, id);
                    insert.setString(2, status.apply(i).name());
                    insert.setLong(3, millis.applyAsInt(i));
                    insert.setString(4, "result " + i);
                    insert.setLong(5, now - (100 - i) * 60_000L);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** @return how many stored results were checked before the given moment (the seeded history) */
    private long resultsBefore(long millis) {
        return fixture.store.read(connection -> {
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(*) FROM health_results WHERE checked_at < ?")) {
                count.setLong(1, millis);
                try (java.sql.ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private int score(String id) {
        return monitor.score(id).map(HealthScore::score).orElse(-1);
    }

    @Test
    void scoresFollowTheDocumentedFormula() {
        assertThat(score("healthy")).isEqualTo(100);
        // current 1, recent 0.5, uptime 0.5, response 1: 40 + 15 + 10 + 10.
        assertThat(score("flapping")).isEqualTo(75);
        // Only the response part, which has no UP check to judge by.
        assertThat(score("down")).isEqualTo(10);
        // 2600 ms on a 200 ms (1) to 5000 ms (0) scale is 0.5: 40 + 30 + 20 + 5.
        assertThat(score("slow")).isEqualTo(95);
        // current 0, recent 0.9, uptime 0.99, response 1: 0 + 27 + 19.8 + 10.
        assertThat(score("just-down")).isEqualTo(57);
        assertThat(monitor.score("empty")).isEmpty();

        HealthScore parts = monitor.score("flapping").orElseThrow();
        assertThat(parts.current()).isEqualTo(1.0);
        assertThat(parts.recent()).isEqualTo(0.5);
        assertThat(parts.uptime()).isEqualTo(0.5);
        assertThat(parts.samples()).isEqualTo(100);
    }

    @Test
    void aGroupScoreWeighsInItsWorstMember() {
        // main: healthy 100, flapping 75, down 10 (empty has no score): 0.75 * 61.67 + 0.25 * 10.
        assertThat(monitor.groupScore("main")).map(HealthScore::score).contains(49);
        // other: slow 95, just-down 57: 0.75 * 76 + 0.25 * 57.
        assertThat(monitor.groupScore("other")).map(HealthScore::score).contains(71);
        assertThat(monitor.groupScore("nobody")).isEmpty();
    }

    @Test
    void uptimeAndResponseTimesCoverTheWindow() {
        assertThat(monitor.uptime("healthy", Duration.ofDays(1))).hasValue(100.0);
        assertThat(monitor.uptime("flapping", Duration.ofDays(1))).hasValue(50.0);
        assertThat(monitor.uptime("down", Duration.ofDays(1))).hasValue(0.0);
        // The last 10 minutes of flapping hold 10 results, 5 UP.
        assertThat(monitor.uptime("flapping", Duration.ofMinutes(10))).hasValue(50.0);
        assertThat(monitor.uptime("empty", Duration.ofDays(1))).isEmpty();

        ResponseTimes times = monitor.responseTimes("healthy", Duration.ofDays(1)).orElseThrow();
        assertThat(times.count()).isEqualTo(100);
        assertThat(times.minMillis()).isEqualTo(50);
        assertThat(times.maxMillis()).isEqualTo(52);
        assertThat(times.averageMillis()).isBetween(50.9, 51.1);
        // Only UP checks count towards response times.
        assertThat(monitor.responseTimes("down", Duration.ofDays(1))).isEmpty();
        assertThatThrownBy(() -> monitor.uptime("healthy", Duration.ZERO)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void historyIsPagedNewestFirstWithoutGapsOrRepeats() {
        Instant from = fixture.clock.instant().minus(Duration.ofDays(1));
        Instant to = fixture.clock.instant().plusSeconds(1);
        List<HistoryEntry> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<HistoryEntry> page = monitor.history("flapping", from, to, 30, cursor);
            all.addAll(page.items());
            cursor = page.next();
            pages++;
        } while (cursor.isPresent());
        assertThat(pages).isEqualTo(4);
        assertThat(all).hasSize(100);
        Set<Long> ids = new HashSet<>();
        all.forEach(e -> ids.add(e.id()));
        assertThat(ids).hasSize(100);
        assertThat(all.get(0).result().message()).isEqualTo("result 99");
        assertThat(all.get(0).result().details()).containsEntry("n", 1);
        assertThat(all.get(99).result().message()).isEqualTo("result 0");
        // A narrower range: the last 10 minutes.
        assertThat(monitor.history("flapping", fixture.clock.instant().minus(Duration.ofMinutes(10)), to, 100,
                Optional.empty()).items()).hasSize(10);
        assertThatThrownBy(() -> monitor.history("flapping", to, from, 10, Optional.empty()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("from");
        assertThatThrownBy(() -> monitor.history("flapping", from, to, 10, Optional.of("nonsense")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("cursor");
    }

    @Test
    void theLatestResultAndStatusAreRestoredFromTheHistory() {
        assertThat(monitor.status("just-down").status()).isEqualTo(HealthStatus.DOWN);
        assertThat(monitor.latest("just-down")).map(r -> r.message()).contains("result 99");
        assertThat(monitor.status("empty").status()).isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void theRetentionComesFromTheSettingsUnlessGiven() {
        assertThat(monitor.retention()).isEqualTo(PlatformHealthMonitor.DEFAULT_RETENTION);
        fixture.store.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO settings (setting_key, setting_value, updated_at) VALUES (?, ?, 0)")) {
                insert.setString(1, PlatformHealthMonitor.RETENTION_SETTING);
                insert.setString(2, "30d");
                insert.executeUpdate();
            }
            return null;
        });
        monitor = fixture.restart();
        assertThat(monitor.retention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void resultsOlderThanTheRetentionArePurged() {
        long start = fixture.clock.millis();
        assertThat(resultsBefore(start)).isEqualTo(5 * 100);
        fixture.clock.advance(Duration.ofDays(7).minusMinutes(50));
        // Results from 100 to 51 minutes before the start are now older than 7 days: half of each history. The
        // monitor's own hourly purge may run first once the clock has moved, so what is left is counted, not what
        // this call deleted.
        monitor.purgeHistory();
        assertThat(resultsBefore(start)).isEqualTo(5 * 50);
        assertThat(monitor.uptime("flapping", Duration.ofDays(30))).hasValue(50.0);
        assertThat(monitor.history("healthy", Instant.EPOCH, Instant.MAX, 1000, Optional.empty()).items())
                .hasSize(50);
    }
}
