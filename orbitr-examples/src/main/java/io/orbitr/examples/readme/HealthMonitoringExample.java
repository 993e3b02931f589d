package io.orbitr.examples.readme;

import io.orbitr.Page;
import io.orbitr.core.Orbitr;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.CheckType;
import io.orbitr.health.HealthMonitor;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthScore;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import io.orbitr.health.HistoryEntry;
import io.orbitr.health.ResponseTimes;
import io.orbitr.health.TargetStatus;
import io.orbitr.health.checks.HttpCheckSpec;
import io.orbitr.notify.Notification;
import io.orbitr.notify.NotificationInbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The README's "Health monitoring" example. */
public final class HealthMonitoringExample {

    private HealthMonitoringExample() {
    }

    /**
     * Adds a target, waits for it to be UP, reads its figures and notifications, records a push result, and changes
     * the target.
     *
     * @param args unused
     * @throws Exception when closing a listener fails
     */
    public static void main(String[] args) throws Exception {
        try (Orbitr orbitr = Orbitr.builder().dataDirectory(Path.of("orbitr-data")).build()) {
            HealthMonitor health = orbitr.health();
            health.add(HealthTarget.builder("api", HttpCheckSpec.url("http://127.0.0.1:8080/health")
                            .expectStatus("200-299,301").keyword("\"status\":\"ok\"").toSpec())
                    .name("Public API").group("web")
                    .interval(Duration.ofSeconds(30)).retries(2).retryInterval(Duration.ofSeconds(10))
                    .resendEvery(10)                                  // while DOWN, notify again every 10 checks
                    .build());

            try (AutoCloseable listening = health.addListener(change ->
                    System.out.println(change.targetId() + ": " + change.from() + " -> " + change.to()))) {
                TargetStatus up = health.await("api", HealthStatus.UP, Duration.ofSeconds(60)); // or throws
            }
            HealthStatus now = health.status("api").status();          // UP, DOWN, PENDING, UNKNOWN or PAUSED
            OptionalDouble uptime = health.uptime("api", Duration.ofDays(1));
            Optional<ResponseTimes> times = health.responseTimes("api", Duration.ofHours(1));
            Optional<HealthScore> score = health.score("api");        // also groupScore("web")
            Instant to = Instant.now();
            Page<HistoryEntry> page = health.history("api", to.minus(Duration.ofHours(1)), to, 100,
                    Optional.empty());                                 // newest first; page.next() is the cursor
            List<CheckType> types = orbitr.healthCheckTypes();         // every type and its declared options
            health.flush();                                            // what was seen is now stored
            NotificationInbox inbox = orbitr.notifications();
            Page<Notification> unread = inbox.list(true, 50, Optional.empty()); // newest first
            inbox.markAllRead();

            // A push target: results come from outside; none for an interval counts as a failed check.
            health.add(HealthTarget.builder("nightly-backup", CheckSpec.of(HealthMonitor.PUSH))
                    .interval(Duration.ofDays(1)).build());
            health.record("nightly-backup", HealthResult.up("backup of 3.2 GB done"));
            health.pause("api");
            health.resume("api");
            health.update(health.target("api").orElseThrow().toBuilder().retries(3).build());
            health.remove("api");                                      // with its history and notifications
        }
    }
}
