package io.orbitr.core.stream;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** Runs delivery tasks only when the test says so: a subscriber that is "slow" is simply not run yet. */
final class ManualExecutor implements Executor {
    private final Queue<Runnable> queue = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable command) {
        queue.add(command);
    }

    /** Runs queued tasks, and those they queue, until none is left. */
    void runAll() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }
}
