package io.orbitr.core.health;

import io.orbitr.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A {@link MonitorTimer} driven by a {@link ManualClock}: tasks run on the test's thread when the test advances
 * time past their due time, in due order, with the clock set to each task's due time as it runs.
 */
final class ManualTimer implements MonitorTimer {
    private final ManualClock clock;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long sequence;

    ManualTimer(ManualClock clock) {
        this.clock = clock;
    }

    private static final class Task implements Comparable<Task> {
        final long due;
        final long order;
        final Runnable work;
        volatile boolean cancelled;

        Task(long due, long order, Runnable work) {
            this.due = due;
            this.order = order;
            this.work = work;
        }

        @Override
        public int compareTo(Task other) {
            return due != other.due ? Long.compare(due, other.due) : Long.compare(order, other.order);
        }
    }

    @Override
    public synchronized Cancellable schedule(long delayMillis, Runnable work) {
        Task task = new Task(clock.millis() + Math.max(0, delayMillis), sequence++, work);
        tasks.add(task);
        return () -> task.cancelled = true;
    }

    /** Runs what is due now. */
    void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time forward, running every task that falls due on the way. */
    void advance(Duration duration) {
        long target = clock.millis() + duration.toMillis();
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > target) {
                    break;
                }
                tasks.poll();
            }
            if (next.cancelled) {
                continue;
            }
            if (next.due > clock.millis()) {
                clock.set(Instant.ofEpochMilli(next.due));
            }
            next.work.run();
        }
        clock.set(Instant.ofEpochMilli(target));
    }

    /** @return how many live tasks wait */
    synchronized long waiting() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }
}
