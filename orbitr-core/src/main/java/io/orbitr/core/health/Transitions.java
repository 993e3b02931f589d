package io.orbitr.core.health;

import io.orbitr.core.notify.NotificationDraft;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.StatusChange;
import java.time.Clock;
import java.time.Instant;

/**
 * Turns a target's result into its new state: the state machine's step, the result and notification queued for the
 * store, then the listeners told and remediation considered. The queueing happens under the target's lock, in the
 * same step that makes the new status visible, so whoever sees a status and then flushes the writer finds its result
 * and its notification stored.
 */
final class Transitions {
    private final HistoryWriter writer;
    private final StatusListeners listeners;
    private final Remediator remediator;
    private final Clock clock;

    Transitions(HistoryWriter writer, StatusListeners listeners, Remediator remediator, Clock clock) {
        this.writer = writer;
        this.listeners = listeners;
        this.remediator = remediator;
        this.clock = clock;
    }

    /**
     * What one result did to a target.
     *
     * @param before the status before
     * @param stored the result as stored, with the monitor's status
     * @param step   the state machine's step
     */
    record Outcome(HealthStatus before, HealthResult stored, StateMachine.Step step) {
    }

    /**
     * Applies a timed result; the caller holds the runtime's lock.
     *
     * @param runtime the target
     * @param timed   the result, stamped
     * @param now     the monitor's time
     * @return what it did
     */
    Outcome apply(TargetRuntime runtime, HealthResult timed, long now) {
        HealthStatus before = runtime.state.status();
        StateMachine.Step step = StateMachine.apply(runtime.state, timed, runtime.target, now);
        String message = step.inStartPeriod() ? timed.message() + " (in start period)" : timed.message();
        HealthResult stored = new HealthResult(step.state().status(), message, timed.details(), timed.timestamp(),
                timed.duration());
        // Queued before the new state is published (both under the lock): see the class comment.
        writer.result(new LiveResult(runtime.id(), stored, step.state().failures(), step.state().sinceMillis()));
        step.notice().ifPresent(notice -> writer.notification(new NotificationDraft(runtime.id(),
                runtime.target.name(), before, stored.status(), noticeMessage(runtime, notice, step.state(), stored),
                Instant.ofEpochMilli(now), runtime.target.sinks())));
        runtime.state = step.state();
        runtime.last = java.util.Optional.of(stored);
        return new Outcome(before, stored, step);
    }

    /**
     * Tells the listeners and starts remediation; the caller does not hold the runtime's lock.
     *
     * @param runtime the target
     * @param outcome what {@link #apply} returned
     */
    void announce(TargetRuntime runtime, Outcome outcome) {
        HealthResult stored = outcome.stored();
        if (outcome.before() != stored.status()) {
            listeners.fire(new StatusChange(runtime.id(), outcome.before(), stored.status(), stored));
        }
        if (stored.status() == HealthStatus.DOWN && runtime.target.remediation().isPresent()) {
            remediator.consider(runtime, outcome.step().state(), stored, this::remediated);
        }
    }

    private static String noticeMessage(TargetRuntime runtime, StateMachine.Notice notice, TargetState state,
            HealthResult result) {
        String name = runtime.target.name();
        if (notice == StateMachine.Notice.RESEND) {
            return name + " is still DOWN after " + state.failures() + " failed checks: " + result.message();
        }
        return name + " is " + result.status() + (result.message().isEmpty() ? "" : ": " + result.message());
    }

    private void remediated(Remediator.Event event) {
        TargetRuntime runtime = event.runtime();
        long now = clock.millis();
        HealthStatus status;
        synchronized (runtime) {
            if (runtime.retired) {
                return;
            }
            if (event.restarted()) {
                // What was restarted needs its start period again before failures count.
                runtime.state = runtime.state.restarted(now);
            }
            status = runtime.state.status();
        }
        writer.notification(new NotificationDraft(runtime.id(), runtime.target.name(), status, status,
                runtime.target.name() + ": " + event.message(), Instant.ofEpochMilli(now), runtime.target.sinks()));
    }
}
