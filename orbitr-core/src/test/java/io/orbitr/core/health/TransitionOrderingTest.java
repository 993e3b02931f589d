package io.orbitr.core.health;

import static io.orbitr.health.HealthStatus.DOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.health.HealthStatus;
import io.orbitr.health.HistoryEntry;
import io.orbitr.notify.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whoever sees a new status and then flushes finds the result and the notification of that transition stored: the
 * monitor queues both before it publishes the status.
 */
class TransitionOrderingTest {
    private final MonitorFixture fixture = new MonitorFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aListenerThatSeesDownAndFlushesFindsTheNotificationAndTheResult() throws Exception {
        fixture.scripted("a").then(HealthStatus.UP, DOWN);
        PlatformHealthMonitor monitor = fixture.start();
        List<List<Notification>> inboxAtDown = new ArrayList<>();
        List<List<HistoryEntry>> historyAtDown = new ArrayList<>();
        try (AutoCloseable listening = monitor.addListener(change -> {
            if (change.to() == DOWN) {
                monitor.flush();
                inboxAtDown.add(monitor.inbox().list(false, 10, Optional.empty()).items());
                historyAtDown.add(monitor.history("a", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 10,
                        Optional.empty()).items());
            }
        })) {
            monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10)).build());
            fixture.advance(Duration.ofSeconds(15));
        }

        assertThat(inboxAtDown).hasSize(1);
        assertThat(inboxAtDown.get(0)).extracting(Notification::to).containsExactly(DOWN);
        assertThat(historyAtDown.get(0)).first().extracting(e -> e.result().status()).isEqualTo(DOWN);
    }

    @Test
    void aStatusReadFromAnotherThreadIsCoveredByTheNextFlush() throws Exception {
        fixture.scripted("a").always(DOWN);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10)).build());
        Thread advancing = new Thread(() -> fixture.advance(Duration.ofSeconds(200)));
        advancing.start();
        try {
            // Poll while the timer thread moves the target through many results: each DOWN seen is flushed and its
            // first notification must be in the inbox by then.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (monitor.status("a").status() != DOWN && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(monitor.status("a").status()).isEqualTo(DOWN);
            monitor.flush();
            assertThat(monitor.inbox().list(false, 10, Optional.empty()).items()).extracting(Notification::to)
                    .contains(DOWN);
        } finally {
            advancing.join(20_000);
        }
    }
}
