package io.orbitr.core.health;

import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthTarget;
import java.util.Optional;

/**
 * One monitored target while the monitor runs: its definition and check (fixed for the runtime's life; a change
 * makes a new runtime), and its mutable state, guarded by the runtime's own lock. A target has at most one check in
 * flight or one scheduled, never both, so its checks never overlap.
 */
final class TargetRuntime {
    final HealthTarget target;
    /** The check, or why it could not be created (its provider is missing, for example). */
    final Optional<HealthCheck> check;
    final String checkProblem;
    final RemediationLog remediation;
    /** Set once the target is removed or replaced: late timers and results of this runtime are then ignored. */
    volatile boolean retired;

    // Guarded by this.
    TargetState state;
    Optional<HealthResult> last = Optional.empty();
    boolean paused;
    /** Grows with every schedule; a timer task runs only if it still carries the current token. */
    long token;
    MonitorTimer.Cancellable pending;
    Execution inFlight;
    /** Whether this server checks the target (always, unless several servers share the targets). */
    boolean here;

    TargetRuntime(HealthTarget target, Optional<HealthCheck> check, String checkProblem, TargetState state,
            RemediationLog remediation) {
        this.target = target;
        this.check = check;
        this.checkProblem = checkProblem;
        this.state = state;
        this.remediation = remediation;
    }

    /** Cancels what is scheduled or running; the caller holds the lock. */
    void cancelWork() {
        token++;
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        if (inFlight != null) {
            inFlight.stop();
            inFlight = null;
        }
    }

    String id() {
        return target.id();
    }
}
