package io.orbitr.core.health;

import java.time.Clock;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's own timer: one thread that wakes every {@value #TICK_MILLIS} ms and runs everything due by then.
 * Built for thousands of starts and timeouts a second: scheduling from any thread is a lock-free hand-over that
 * wakes nobody, a cancelled task is only flagged (and skipped when its time comes), and one wake-up serves all the
 * tasks of a tick, where a general-purpose scheduler would take a lock and wake a thread for each. A task starts
 * at most one tick after its due time. Tasks must not block.
 */
public final class TickTimer implements MonitorTimer, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TickTimer.class);
    static final long TICK_MILLIS = 5;

    private final Clock clock;
    private final Queue<Task> inbox = new ConcurrentLinkedQueue<>();
    /** Owned by the timer thread. */
    private final PriorityQueue<Task> due = new PriorityQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long sequence;

    /**
     * Starts the timer's thread.
     *
     * @param clock the clock due times are counted on
     * @param name  the thread's name
     */
    public TickTimer(Clock clock, String name) {
        this.clock = clock;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static final class Task implements Comparable<Task>, Cancellable {
        final long dueMillis;
        final Runnable work;
        long order;
        volatile boolean cancelled;

        Task(long dueMillis, Runnable work) {
            this.dueMillis = dueMillis;
            this.work = work;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task other) {
            return dueMillis != other.dueMillis ? Long.compare(dueMillis, other.dueMillis)
                    : Long.compare(order, other.order);
        }
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable work) {
        Task task = new Task(clock.millis() + Math.max(0, delayMillis), work);
        inbox.add(task);
        return task;
    }

    private void run() {
        long tick = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        long next = System.nanoTime();
        while (running) {
            for (Task task; (task = inbox.poll()) != null; ) {
                if (!task.cancelled) {
                    task.order = sequence++;
                    due.add(task);
                }
            }
            long now = clock.millis();
            while (!due.isEmpty() && due.peek().dueMillis <= now) {
                Task task = due.poll();
                if (task.cancelled) {
                    continue;
                }
                try {
                    task.work.run();
                } catch (RuntimeException | Error e) {
                    log.error("a health monitor task failed: {}", e.toString(), e);
                }
            }
            next += tick;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                LockSupport.parkNanos(this, sleep);
            } else if (sleep < -tick * 10) {
                // Far behind (a long pause): do not try to catch up tick by tick.
                next = System.nanoTime();
            }
        }
    }

    /** Stops the thread; tasks not yet run are dropped. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
