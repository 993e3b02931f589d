package io.orbitr.core.notify;

import io.orbitr.notify.Notification;
import io.orbitr.notify.NotificationSink;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands stored notifications to the sinks. Each sink has a thread and a bounded queue of its own, so a slow or
 * failing sink delays only itself: its failures are logged, and when it falls {@value #QUEUE} notifications behind,
 * the oldest waiting one is dropped and logged. Thread-safe.
 */
public final class NotificationDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final int QUEUE = 1000;

    private final Map<String, NotificationSink> sinks = new LinkedHashMap<>();
    private final Map<String, Executor> executors = new LinkedHashMap<>();
    private final List<ExecutorService> owned = new java.util.ArrayList<>();

    /**
     * @param sinks    the sinks, by their ids
     * @param executor the executor every sink runs on, or empty for a thread per sink (tests pass a direct one)
     */
    public NotificationDispatcher(Collection<? extends NotificationSink> sinks, Optional<Executor> executor) {
        for (NotificationSink sink : sinks) {
            this.sinks.put(sink.id(), sink);
            executors.put(sink.id(), executor.orElseGet(() -> {
                ExecutorService own = ownThread(sink.id());
                owned.add(own);
                return own;
            }));
        }
    }

    /** @return the ids of the sinks, in order */
    public List<String> sinkIds() {
        return List.copyOf(sinks.keySet());
    }

    /**
     * @param notification a stored notification
     * @param only         the sink ids to tell; empty for all
     */
    public void dispatch(Notification notification, List<String> only) {
        sinks.forEach((id, sink) -> {
            if (!only.isEmpty() && !only.contains(id)) {
                return;
            }
            try {
                executors.get(id).execute(() -> deliver(sink, notification));
            } catch (RejectedExecutionException e) {
                log.warn("notification sink '{}' is closed; notification {} not sent", id, notification.id());
            }
        });
    }

    private static void deliver(NotificationSink sink, Notification notification) {
        try {
            sink.send(notification);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) {
            log.warn("notification sink '{}' failed to send notification {} about '{}': {}", sink.id(),
                    notification.id(), notification.targetId(), e.toString());
        }
    }

    private static ExecutorService ownThread(String id) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "orbitr-notify-" + id);
                    thread.setDaemon(true);
                    return thread;
                }, (task, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException("closed");
                    }
                    // Behind by a full queue: drop the oldest so the newest state still gets through.
                    Runnable dropped = pool.getQueue().poll();
                    log.warn("notification sink '{}' is {} notifications behind; dropped the oldest", id, QUEUE);
                    if (dropped != null) {
                        pool.execute(task);
                    }
                });
        return executor;
    }

    /** Stops the sinks' threads, giving queued notifications a moment to go out. */
    @Override
    public void close() {
        owned.forEach(ExecutorService::shutdown);
        for (ExecutorService service : owned) {
            try {
                if (!service.awaitTermination(2, TimeUnit.SECONDS)) {
                    service.shutdownNow();
                }
            } catch (InterruptedException e) {
                service.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
