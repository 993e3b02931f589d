package io.orbitr.core.health;

import io.orbitr.InvalidValueException;
import io.orbitr.core.notify.NotificationStore;
import io.orbitr.health.HealthScore;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HistoryEntry;
import io.orbitr.Page;
import io.orbitr.health.ResponseTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the stored history says: pages of results, uptime, response times, scores of targets and groups; and its
 * retention, applied every hour (to the notifications too, which are kept at least 30 days). Thread-safe.
 */
final class HistoryQueries {
    private static final Logger log = LoggerFactory.getLogger(HistoryQueries.class);
    /** Notifications are kept at least this long, whatever the results' retention. */
    private static final Duration NOTIFICATION_RETENTION = Duration.ofDays(30);
    private static final long PURGE_EVERY_MILLIS = Duration.ofHours(1).toMillis();

    private final HealthHistory history;
    private final NotificationStore notifications;
    private final Clock clock;
    private final Duration retention;
    private final AtomicLong nextPurge;

    HistoryQueries(HealthHistory history, NotificationStore notifications, Clock clock, Duration retention) {
        this.history = history;
        this.notifications = notifications;
        this.clock = clock;
        this.retention = retention;
        this.nextPurge = new AtomicLong(clock.millis() + Duration.ofMinutes(1).toMillis());
    }

    Page<HistoryEntry> history(String id, Instant from, Instant to, int limit, Optional<String> after) {
        return history.page(id, from, to, limit, after);
    }

    OptionalDouble uptime(String id, Duration window) {
        HealthHistory.Window figures = history.window(id, since(window));
        return figures.judged() == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(100.0 * figures.up() / figures.judged());
    }

    Optional<ResponseTimes> responseTimes(String id, Duration window) {
        return history.window(id, since(window)).times();
    }

    Optional<HealthScore> score(TargetRuntime runtime) {
        HealthStatus current;
        synchronized (runtime) {
            current = runtime.state.status();
        }
        return HealthScores.target(current, history.recent(runtime.id(), HealthScores.RECENT),
                history.window(runtime.id(), since(HealthScores.WINDOW)), runtime.target.timeout());
    }

    Optional<HealthScore> groupScore(String group, Collection<TargetRuntime> runtimes) {
        List<HealthScore> members = new ArrayList<>();
        for (TargetRuntime runtime : runtimes) {
            if (runtime.target.group().equals(group)) {
                score(runtime).ifPresent(members::add);
            }
        }
        return HealthScores.group(members);
    }

    Duration retention() {
        return retention;
    }

    long purge() {
        Instant now = clock.instant();
        long deleted = history.purge(now.minus(retention));
        Duration keepNotifications = retention.compareTo(NOTIFICATION_RETENTION) > 0 ? retention
                : NOTIFICATION_RETENTION;
        notifications.purge(now.minus(keepNotifications));
        if (deleted > 0) {
            log.debug("purged {} health results older than {}", deleted, retention);
        }
        return deleted;
    }

    /** Purges once an hour; run by the history writer between batches. Never throws. */
    void housekeeping() {
        housekeeping(every -> true);
    }

    /**
     * Purges once an hour if this server runs the purge ({@code mayRun}, asked only when a purge is due: with several
     * servers on one store, one of them purges). Never throws.
     */
    void housekeeping(java.util.function.Predicate<Duration> mayRun) {
        long now = clock.millis();
        long due = nextPurge.get();
        if (now >= due && nextPurge.compareAndSet(due, now + PURGE_EVERY_MILLIS)
                && mayRun.test(Duration.ofMillis(PURGE_EVERY_MILLIS))) {
            try {
                purge();
            } catch (RuntimeException e) {
                log.warn("purging old health results failed; retrying in an hour: {}", e.toString());
            }
        }
    }

    private Instant since(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new InvalidValueException("window", window, "must be more than 0");
        }
        return clock.instant().minus(window);
    }
}
