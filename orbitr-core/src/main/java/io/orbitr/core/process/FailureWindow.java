package io.orbitr.core.process;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The recent failures of one process, counted inside a sliding window, as supervisord's {@code startretries} and
 * s6's {@code finish} bookkeeping do: too many inside the window and the process is given up on. Not
 * thread-safe; {@link SupervisedProcess} guards it.
 */
final class FailureWindow {
    private final Deque<Instant> failures = new ArrayDeque<>();

    /**
     * Records a failure and forgets those that fell out of the window.
     *
     * @return the failures inside the window, this one included
     */
    int record(Instant at, Duration window) {
        failures.addLast(at);
        Instant oldest = at.minus(window);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(oldest)) {
            failures.pollFirst();
        }
        return failures.size();
    }

    /** Forgets every failure: the process proved healthy. */
    void reset() {
        failures.clear();
    }

    int count() {
        return failures.size();
    }
}
