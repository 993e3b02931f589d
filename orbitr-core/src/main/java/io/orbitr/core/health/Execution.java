package io.orbitr.core.health;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of one check: when it was due and started, and the two ways it can end, by its own result or by the
 * monitor's timeout, of which only the first counts.
 */
final class Execution {
    final TargetRuntime runtime;
    final long dueMillis;
    final long startedMillis;
    final long startedNanos;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile MonitorTimer.Cancellable timeout;
    private volatile Runnable cancel;

    Execution(TargetRuntime runtime, long dueMillis, long startedMillis, long startedNanos) {
        this.runtime = runtime;
        this.dueMillis = dueMillis;
        this.startedMillis = startedMillis;
        this.startedNanos = startedNanos;
    }

    void timeout(MonitorTimer.Cancellable handle) {
        this.timeout = handle;
    }

    /** @param hook stops the running check (cancels its future, interrupts its thread) */
    void onCancel(Runnable hook) {
        this.cancel = hook;
        if (done.get()) {
            // Ended (timed out, abandoned) before the hook was known: stop the check now.
            hook.run();
        }
    }

    /** @return whether this call ended the execution (false when it had already ended) */
    boolean finish() {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        MonitorTimer.Cancellable handle = timeout;
        if (handle != null) {
            handle.cancel();
        }
        return true;
    }

    /** Ends the execution and stops the check; used by timeouts, pauses, changes and removals. */
    boolean stop() {
        if (!finish()) {
            return false;
        }
        Runnable hook = cancel;
        if (hook != null) {
            hook.run();
        }
        return true;
    }
}
