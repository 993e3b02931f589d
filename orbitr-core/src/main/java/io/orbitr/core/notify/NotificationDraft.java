package io.orbitr.core.notify;

import io.orbitr.health.HealthStatus;
import io.orbitr.notify.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A notification about to be stored and sent: everything but its id.
 *
 * @param targetId   the target's id
 * @param targetName the target's name
 * @param from       the status before
 * @param to         the status now
 * @param message    what happened
 * @param time       when it happened
 * @param sinks      the sinks to tell; empty for all
 */
public record NotificationDraft(String targetId, String targetName, HealthStatus from, HealthStatus to,
        String message, Instant time, List<String> sinks) {

    /** Refuses nulls and freezes the sink list. */
    public NotificationDraft {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(time, "time");
        sinks = List.copyOf(sinks);
    }

    /**
     * @param id the id the store gave it
     * @return the stored, unread notification
     */
    public Notification stored(long id) {
        return new Notification(id, targetId, targetName, from, to, message, time, false);
    }
}
