package io.orbitr.notify;

import io.orbitr.health.HealthStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * One notification: a target changed state (or is still DOWN, or was restarted by remediation).
 *
 * @param id         its id in the store, growing with time
 * @param targetId   the target's id
 * @param targetName the target's name (its id when the target has been removed since)
 * @param from       the status before; UNKNOWN for a target's first result
 * @param to         the status now
 * @param message    what happened, in words
 * @param time       when it happened
 * @param read       whether a user marked it read
 */
public record Notification(long id, String targetId, String targetName, HealthStatus from, HealthStatus to,
        String message, Instant time, boolean read) {

    /** Refuses nulls. */
    public Notification {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(time, "time");
    }
}
