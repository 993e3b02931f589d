package io.orbitr.core.health;

import io.orbitr.ConflictException;
import io.orbitr.health.AsyncHealthCheck;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the checks: starts each at its due time on the timer (a non-blocking {@link AsyncHealthCheck} right there, a
 * blocking one on the check pool), enforces its timeout (DOWN at the deadline, the check cancelled or interrupted),
 * hands the verdict to {@link Transitions} and schedules the next check. A target's checks never overlap; the next
 * one is due one interval (or retry interval while PENDING) after the previous one was due. Push targets' results
 * arrive through {@link #push} instead, and their check runs only when a result is missing. Thread-safe.
 */
final class CheckScheduler {
    private final MonitorTimer timer;
    private final ExecutorService checkPool;
    private final Clock clock;
    private final CheckMetrics metrics;
    private final Transitions transitions;
    /**
     * Whether this server may check a target now: always, unless several servers share the targets, when a server
     * whose lease on the target has lapsed (it could not renew it in time) must not check it any more.
     */
    private volatile java.util.function.Predicate<String> mayCheck = id -> true;

    CheckScheduler(MonitorTimer timer, ExecutorService checkPool, Clock clock, CheckMetrics metrics,
            Transitions transitions) {
        this.timer = timer;
        this.checkPool = checkPool;
        this.clock = clock;
        this.metrics = metrics;
        this.transitions = transitions;
    }

    /**
     * Schedules a target's first check (after an add, a change, a resume or a restart); the caller holds the
     * runtime's lock. A push target's first result is awaited for one interval.
     */
    void start(TargetRuntime runtime, long dueMillis) {
        schedule(runtime, isPush(runtime) ? clock.millis() + runtime.target.interval().toMillis() : dueMillis);
    }

    /** @param gate whether this server may check a target now (several servers sharing the targets) */
    void gate(java.util.function.Predicate<String> gate) {
        this.mayCheck = gate;
    }

    /** @return whether the target's results are pushed rather than checked */
    static boolean isPush(TargetRuntime runtime) {
        return runtime.check.isPresent() && runtime.check.get() instanceof PushCheck;
    }

    /** Schedules the runtime's next check; the caller holds the runtime's lock. */
    void schedule(TargetRuntime runtime, long dueMillis) {
        if (runtime.pending != null) {
            runtime.pending.cancel();
            runtime.pending = null;
        }
        long token = ++runtime.token;
        if (runtime.check.isPresent() && runtime.check.get() instanceof PushCheck push && !push.watchdog()) {
            return; // changes only when a result is pushed
        }
        runtime.pending = timer.schedule(dueMillis - clock.millis(), () -> dispatch(runtime, dueMillis, token));
    }

    /**
     * Records a result pushed for a push target, as one check, and starts the wait for the next one again.
     *
     * @param runtime the target
     * @param result  the result; stamped now when it carries no timestamp
     * @throws ConflictException when the target is not a push target or is paused
     */
    void push(TargetRuntime runtime, HealthResult result) {
        if (!isPush(runtime)) {
            throw new ConflictException("health target '" + runtime.id() + "' is checked by the monitor ('"
                    + runtime.target.check().type() + "'); only targets of check type 'push' take recorded results");
        }
        long now = clock.millis();
        HealthResult timed = result.timestamp().equals(Instant.EPOCH)
                ? result.timed(Instant.ofEpochMilli(now), result.duration()) : result;
        Transitions.Outcome outcome;
        synchronized (runtime) {
            if (runtime.retired) {
                throw new ConflictException("health target '" + runtime.id() + "' was removed or replaced; try again");
            }
            if (runtime.paused) {
                throw new ConflictException("health target '" + runtime.id()
                        + "' is paused; resume it before recording results");
            }
            runtime.cancelWork();
            outcome = transitions.apply(runtime, timed, now);
            schedule(runtime, now + outcome.step().nextDelayMillis());
        }
        metrics.completed();
        transitions.announce(runtime, outcome);
    }

    private void dispatch(TargetRuntime runtime, long dueMillis, long token) {
        Execution execution;
        synchronized (runtime) {
            if (runtime.retired || runtime.paused || token != runtime.token || runtime.inFlight != null) {
                return;
            }
            if (!mayCheck.test(runtime.id())) {
                // Its lease lapsed: another server may check it now; this one tries again an interval later.
                schedule(runtime, dueMillis + runtime.target.interval().toMillis());
                return;
            }
            runtime.pending = null;
            execution = new Execution(runtime, dueMillis, clock.millis(), System.nanoTime());
            runtime.inFlight = execution;
        }
        metrics.started(execution.startedMillis - dueMillis);
        Duration timeout = runtime.target.timeout();
        execution.timeout(timer.schedule(timeout.toMillis(), () -> timedOut(execution, timeout)));
        if (runtime.check.isEmpty()) {
            complete(execution, HealthResult.of(HealthStatus.UNKNOWN, runtime.checkProblem), null);
        } else if (runtime.check.get() instanceof PushCheck push) {
            complete(execution, push.check(), null);
        } else if (runtime.check.get() instanceof AsyncHealthCheck async) {
            CompletableFuture<HealthResult> future;
            try {
                future = async.start(timeout);
            } catch (RuntimeException | LinkageError e) {
                complete(execution, null, e);
                return;
            }
            execution.onCancel(() -> future.cancel(true));
            future.whenComplete((result, error) -> complete(execution, result, error));
        } else {
            runBlocking(execution, runtime.check.get());
        }
    }

    private void runBlocking(Execution execution, HealthCheck check) {
        FutureTask<HealthResult> task = new FutureTask<>(check::check) {
            @Override
            protected void done() {
                if (isCancelled()) {
                    return;
                }
                try {
                    complete(execution, get(), null);
                } catch (ExecutionException e) {
                    complete(execution, null, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        execution.onCancel(() -> task.cancel(true));
        try {
            checkPool.execute(task);
        } catch (RejectedExecutionException e) {
            complete(execution, HealthResult.of(HealthStatus.UNKNOWN, "the monitor is closing"), null);
        }
    }

    private void timedOut(Execution execution, Duration timeout) {
        if (execution.stop()) {
            metrics.timedOut();
            record(execution, HealthResult.down("timed out after " + timeout.toMillis() + " ms"));
        }
    }

    private void complete(Execution execution, HealthResult result, Throwable error) {
        if (!execution.finish()) {
            return;
        }
        HealthResult verdict;
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            verdict = HealthResult.down(cause.getMessage() != null && !cause.getMessage().isBlank()
                    ? cause.getMessage() : cause.getClass().getSimpleName());
        } else if (result == null) {
            verdict = HealthResult.down("the check returned no result");
        } else {
            verdict = result;
        }
        record(execution, verdict);
    }

    private void record(Execution execution, HealthResult verdict) {
        TargetRuntime runtime = execution.runtime;
        long now = clock.millis();
        HealthResult timed = verdict.timed(Instant.ofEpochMilli(execution.startedMillis),
                Duration.ofNanos(System.nanoTime() - execution.startedNanos));
        Transitions.Outcome outcome;
        synchronized (runtime) {
            if (runtime.retired || runtime.inFlight != execution) {
                return;
            }
            runtime.inFlight = null;
            if (!mayCheck.test(runtime.id())) {
                // The lease lapsed while the check ran: the server that took the target over reports on it now.
                schedule(runtime, execution.dueMillis + runtime.target.interval().toMillis());
                return;
            }
            outcome = transitions.apply(runtime, timed, now);
            schedule(runtime, Math.max(execution.dueMillis + outcome.step().nextDelayMillis(), now));
        }
        metrics.completed();
        transitions.announce(runtime, outcome);
    }
}
