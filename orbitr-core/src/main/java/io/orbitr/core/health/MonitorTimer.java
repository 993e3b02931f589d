package io.orbitr.core.health;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the monitor's work later: check starts and timeouts. The platform's runs on its scheduler; tests run one on a
 * manual clock, so the state machine is tested by advancing time instead of sleeping. Public for
 * {@code orbitr bench timer}, which compares the timers under the monitor's load.
 */
public interface MonitorTimer {

    /**
     * @param delayMillis how long from now, by the monitor's clock
     * @param task        what to run; must not block
     * @return a handle to cancel it
     */
    Cancellable schedule(long delayMillis, Runnable task);

    /** A scheduled task that may still be cancelled. */
    @FunctionalInterface
    public interface Cancellable {
        /** Cancels the task if it has not started. */
        void cancel();
    }

    /**
     * @param scheduler the scheduler to run on
     * @return a timer on it
     */
    static MonitorTimer on(ScheduledExecutorService scheduler) {
        return (delayMillis, task) -> {
            ScheduledFuture<?> future = scheduler.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
    }
}
