package io.orbitr.core.process;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber following a process's output, with its own bounded queue. {@link #offer(LogLine)} never blocks:
 * when the queue is full the oldest line is dropped and counted, and the subscriber hears
 * {@link StreamEvent.Kind#LOST} with the count before the next line it gets. Delivery runs on the executor, one
 * drain at a time per follower, so the subscriber's callbacks never overlap and arrive in order.
 */
final class LogFollower implements Subscription {
    private static final Logger log = LoggerFactory.getLogger(LogFollower.class);

    private final String source;
    private final StreamSubscriber<LogLine> subscriber;
    private final Executor executor;
    private final int capacity;
    private final Runnable onCancel;
    private final ArrayDeque<LogLine> queue = new ArrayDeque<>();
    private long lost;
    private String completion;
    private boolean cancelled;
    private boolean done;
    private boolean draining;

    /**
     * @param source   the process's name, for log messages
     * @param capacity the most lines held for a subscriber that lags
     * @param onCancel run once when the subscriber cancels, to stop feeding this follower
     */
    LogFollower(String source, StreamSubscriber<LogLine> subscriber, Executor executor, int capacity,
            Runnable onCancel) {
        this.source = source;
        this.subscriber = subscriber;
        this.executor = executor;
        this.capacity = capacity;
        this.onCancel = onCancel;
    }

    /** Queues a line, dropping the oldest one when the queue is full. Never blocks on the subscriber. */
    synchronized void offer(LogLine line) {
        if (cancelled || completion != null) {
            return;
        }
        if (queue.size() >= capacity) {
            queue.pollFirst();
            lost++;
        }
        queue.addLast(line);
        scheduleDrain();
    }

    /** Ends the stream after the lines already queued, with {@code onComplete(reason)}. */
    synchronized void complete(String reason) {
        if (completion == null) {
            completion = reason;
            scheduleDrain();
        }
    }

    @Override
    public void cancel() {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            queue.clear();
            lost = 0;
            if (completion == null) {
                completion = "cancelled";
            }
            scheduleDrain();
        }
        onCancel.run();
    }

    @Override
    public synchronized boolean isCancelled() {
        return cancelled || done;
    }

    private void scheduleDrain() {
        if (draining || done) {
            return;
        }
        draining = true;
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The supervisor is shutting down: nobody will deliver any more.
            draining = false;
            done = true;
        }
    }

    private void drain() {
        while (true) {
            LogLine next = null;
            long lostNow = 0;
            String reason = null;
            synchronized (this) {
                if (done) {
                    draining = false;
                    return;
                }
                if (lost > 0) {
                    lostNow = lost;
                    lost = 0;
                } else if (!queue.isEmpty()) {
                    next = queue.pollFirst();
                } else if (completion != null) {
                    reason = completion;
                    done = true;
                } else {
                    draining = false;
                    return;
                }
            }
            try {
                if (lostNow > 0) {
                    subscriber.onEvent(new StreamEvent(StreamEvent.Kind.LOST, lostNow,
                            lostNow + " lines of " + source + " dropped: the subscriber fell behind"));
                } else if (next != null) {
                    subscriber.onNext(next);
                } else {
                    subscriber.onComplete(reason);
                }
            } catch (RuntimeException e) {
                log.warn("a follower of {} threw {}; its subscription is cancelled", source, e.toString());
                synchronized (this) {
                    cancelled = true;
                    done = true;
                    queue.clear();
                    draining = false;
                }
                onCancel.run();
                return;
            }
        }
    }
}
