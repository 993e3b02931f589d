package io.orbitr.core.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A scheduler whose time moves only when the test says so: delays are asserted, never slept. */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final List<Task> tasks = new ArrayList<>();
    private long nowMillis;
    private boolean shutdown;

    /** @return the delays (ms) of the tasks scheduled so far, in the order they were scheduled */
    synchronized List<Long> scheduledDelays() {
        return tasks.stream().map(task -> task.delayMillis).toList();
    }

    /** @return how many tasks wait */
    synchronized long pending() {
        return tasks.stream().filter(task -> !task.done && !task.cancelled).count();
    }

    /** Moves time forward and runs what came due, in due order. */
    void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = nowMillis + duration.toMillis();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(task -> !task.done && !task.cancelled && task.dueMillis <= target)
                        .min(Comparator.comparingLong(task -> task.dueMillis)).orElse(null);
                if (next == null) {
                    nowMillis = target;
                    return;
                }
                nowMillis = next.dueMillis;
                next.done = true;
            }
            next.runnable.run();
        }
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        Task task = new Task(command, unit.toMillis(delay), nowMillis + unit.toMillis(delay));
        tasks.add(task);
        return task;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return isShutdown();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task implements ScheduledFuture<Object> {
        final Runnable runnable;
        final long delayMillis;
        final long dueMillis;
        volatile boolean done;
        volatile boolean cancelled;

        Task(Runnable runnable, long delayMillis, long dueMillis) {
            this.runnable = runnable;
            this.delayMillis = delayMillis;
            this.dueMillis = dueMillis;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            synchronized (ManualScheduler.this) {
                return unit.convert(dueMillis - nowMillis, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return !done;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
