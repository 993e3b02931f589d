package io.orbitr.core.health;

import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import java.util.Optional;

/**
 * Uptime Kuma's rules, as a pure function from a target's state and a check's verdict to its next state:
 * <ul>
 *   <li>UP resets the failures. A failure with retries left is PENDING, and the next check comes after the retry
 *       interval; when the retries are spent it is DOWN, and failures keep counting while DOWN (so DOWN never falls
 *       back to PENDING). Failures inside the start period are PENDING and spend no retry, until a first success
 *       ends the start period. A check's own PENDING (starting, restarting, degraded) or UNKNOWN is taken as is and
 *       spends no retry.</li>
 *   <li>A notification goes out whenever the settled state (the last UP or DOWN) changes: UP to DOWN, PENDING to
 *       DOWN, DOWN to UP; a target's first result is notified only when it is DOWN. UP to PENDING and PENDING to UP are silent, and so is
 *       anything to or from UNKNOWN or PAUSED that does not change the settled state. While DOWN, with
 *       {@code resendEvery} N, it goes out again after every N further DOWN checks.</li>
 * </ul>
 */
final class StateMachine {

    private StateMachine() {
    }

    /** Why a result is worth a notification. */
    enum Notice {
        /** A change of the settled state (a first result only when DOWN). */
        TRANSITION,
        /** Still DOWN after {@code resendEvery} further checks. */
        RESEND
    }

    /**
     * @param state          the state after this result
     * @param notice         whether and why to notify
     * @param nextDelayMillis when the next check is due, counted from this check's due time
     * @param inStartPeriod  whether a failure was forgiven by the start period
     */
    record Step(TargetState state, Optional<Notice> notice, long nextDelayMillis, boolean inStartPeriod) {
    }

    /**
     * @param state  the target's state before the result
     * @param result the check's verdict
     * @param target the target's settings
     * @param now    the current time (epoch ms)
     * @return the next state, whether to notify, and when to check next
     */
    static Step apply(TargetState state, HealthResult result, HealthTarget target, long now) {
        boolean inStartPeriod = !state.started() && now < state.activeSince() + target.startPeriod().toMillis();
        boolean started = state.started();
        int failures = state.failures();
        boolean forgiven = false;
        HealthStatus status;
        switch (result.status()) {
            case UP -> {
                status = HealthStatus.UP;
                failures = 0;
                started = true;
            }
            case DOWN -> {
                if (inStartPeriod) {
                    status = HealthStatus.PENDING;
                    forgiven = true;
                } else if (failures < target.retries()) {
                    failures++;
                    status = HealthStatus.PENDING;
                } else {
                    failures = failures == Integer.MAX_VALUE ? failures : failures + 1;
                    status = HealthStatus.DOWN;
                }
            }
            case PENDING -> status = HealthStatus.PENDING;
            default -> status = HealthStatus.UNKNOWN;
        }

        Optional<HealthStatus> settled = state.settled();
        Optional<Notice> notice = Optional.empty();
        int sinceNotified = state.sinceNotified();
        boolean settledChanged = status == HealthStatus.DOWN && !settled.equals(Optional.of(HealthStatus.DOWN))
                || status == HealthStatus.UP && settled.equals(Optional.of(HealthStatus.DOWN));
        // A first result is notified only when it is DOWN, as Uptime Kuma's sendNotification does
        // (if (!isFirstBeat || bean.status === DOWN)); a first DOWN always changes the (empty) settled state.
        if (settledChanged) {
            notice = Optional.of(Notice.TRANSITION);
            sinceNotified = 0;
        } else if (status == HealthStatus.DOWN && target.resendEvery() > 0) {
            sinceNotified++;
            if (sinceNotified >= target.resendEvery()) {
                notice = Optional.of(Notice.RESEND);
                sinceNotified = 0;
            }
        }
        if (status == HealthStatus.UP || status == HealthStatus.DOWN) {
            settled = Optional.of(status);
        }
        int downStreak = status == HealthStatus.DOWN ? state.downStreak() + 1 : 0;
        long since = status != state.status() || !state.checked() ? now : state.sinceMillis();
        TargetState next = new TargetState(status, failures, settled, true, downStreak, sinceNotified, since,
                state.activeSince(), started);
        long delay = (status == HealthStatus.PENDING ? target.retryInterval() : target.interval()).toMillis();
        return new Step(next, notice, delay, forgiven);
    }
}
