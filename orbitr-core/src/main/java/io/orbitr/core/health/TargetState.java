package io.orbitr.core.health;

import io.orbitr.health.HealthStatus;
import java.util.Optional;

/**
 * What the monitor remembers about one target between checks. Immutable: each result makes a new one.
 *
 * @param status        the current status
 * @param failures      consecutive failed checks: retries spent while PENDING, counting on while DOWN
 * @param settled       the last UP or DOWN status, which decides whether a change is worth a notification
 * @param checked       whether the target ever had a result (its first result is always notified)
 * @param downStreak    consecutive DOWN checks, for remediation
 * @param sinceNotified DOWN checks since the last notification, for re-sending
 * @param sinceMillis   when the status last changed (epoch ms), or -1 before the first result
 * @param activeSince   when the target was last added, changed, resumed or restarted (epoch ms): the start period
 *                      runs from here
 * @param started       whether a success has ended the start period early
 */
record TargetState(HealthStatus status, int failures, Optional<HealthStatus> settled, boolean checked,
        int downStreak, int sinceNotified, long sinceMillis, long activeSince, boolean started) {

    /**
     * @param activeSince when monitoring of the target began
     * @return the state of a target never checked
     */
    static TargetState fresh(long activeSince) {
        return new TargetState(HealthStatus.UNKNOWN, 0, Optional.empty(), false, 0, 0, -1, activeSince, false);
    }

    /**
     * @param paused whether the target is paused now
     * @param now    the time of the change
     * @return this state, paused (PAUSED) or resumed (PAUSED until the next result, start period from now)
     */
    TargetState paused(boolean paused, long now) {
        return paused
                ? new TargetState(HealthStatus.PAUSED, failures, settled, checked, 0, sinceNotified, now, activeSince,
                        started)
                : new TargetState(HealthStatus.PAUSED, failures, settled, checked, 0, sinceNotified, sinceMillis, now,
                        false);
    }

    /**
     * @param status      the status the checking server reports
     * @param failures    its consecutive failed checks
     * @param sinceMillis when its status last changed there
     * @return this state as the server that checks the target (another one) left it: only what a reader sees
     *     (status, failures, since) is known; the rest is read from the store if this server takes the target over
     */
    TargetState mirrored(HealthStatus status, int failures, long sinceMillis) {
        Optional<HealthStatus> lastSettled = status == HealthStatus.UP || status == HealthStatus.DOWN
                ? Optional.of(status) : settled;
        return new TargetState(status, failures, lastSettled, true, 0, 0, sinceMillis, activeSince, started);
    }

    /**
     * @param now when the target was restarted or its definition changed
     * @return this state with the start period beginning again and the DOWN streak reset
     */
    TargetState restarted(long now) {
        return new TargetState(status, failures, settled, checked, 0, sinceNotified, sinceMillis, now, false);
    }
}
