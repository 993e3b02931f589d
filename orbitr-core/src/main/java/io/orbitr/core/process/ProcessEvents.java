package io.orbitr.core.process;

import io.orbitr.process.ProcessEvent;
import io.orbitr.process.ProcessListener;
import io.orbitr.stream.Subscription;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the supervisor's state transitions to its listeners, in the order they were published, one at a time, on
 * the executor: a transition is published while the process's lock is held and must never wait for a listener.
 */
final class ProcessEvents {
    private static final Logger log = LoggerFactory.getLogger(ProcessEvents.class);

    private final Executor executor;
    private final List<ProcessListener> listeners = new CopyOnWriteArrayList<>();
    private final Queue<ProcessEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    ProcessEvents(Executor executor) {
        this.executor = executor;
    }

    Subscription add(ProcessListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return new Subscription() {
            private volatile boolean cancelled;

            @Override
            public void cancel() {
                cancelled = true;
                listeners.remove(listener);
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        };
    }

    /** Queues an event; never blocks. */
    void publish(ProcessEvent event) {
        if (listeners.isEmpty()) {
            return;
        }
        pending.add(event);
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                pending.clear();
            }
        }
    }

    private void drain() {
        ProcessEvent event;
        while ((event = pending.poll()) != null) {
            for (ProcessListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    log.warn("process listener {} threw on {} -> {}: {}", listener, event.name(), event.state(),
                            e.toString());
                }
            }
        }
        draining.set(false);
        // An event published between the last poll and the reset above would otherwise wait for the next one.
        if (!pending.isEmpty()) {
            scheduleDrain();
        }
    }
}
