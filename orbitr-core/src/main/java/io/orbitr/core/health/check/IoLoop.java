package io.orbitr.core.health.check;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread that drives the non-blocking checks' sockets, started on first use. Other threads hand it
 * work with {@link #submit(Runnable)}, which wakes it at most once per batch of hand-overs; ready keys go to their
 * attachment's {@link Handler}. Its users own every channel they register and keep their state on this thread.
 */
final class IoLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IoLoop.class);

    /** What a registered key's attachment does when the key is ready. */
    interface Handler {
        /** @param key the ready key, on the loop's thread */
        void ready(SelectionKey key);
    }

    private final String name;
    private final Runnable everyRound;
    private final Runnable atEnd;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Object lifecycle = new Object();
    private Selector selector;
    private Thread thread;
    private volatile boolean closed;

    /**
     * @param name       the thread's name
     * @param everyRound work after each round of ready keys (at least once a second), on the loop's thread
     * @param atEnd      work when the loop stops (fail what is pending), on the loop's thread
     */
    IoLoop(String name, Runnable everyRound, Runnable atEnd) {
        this.name = name;
        this.everyRound = everyRound;
        this.atEnd = atEnd;
    }

    /**
     * Runs a task on the loop's thread, soon.
     *
     * @param task the task; must not block
     * @throws IllegalStateException when the loop is closed
     */
    void submit(Runnable task) {
        Selector current = selector();
        tasks.add(task);
        if (wakeupPending.compareAndSet(false, true)) {
            current.wakeup();
        }
    }

    /** @return the selector, starting the loop on first use */
    Selector selector() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException(name + " is closed");
            }
            if (selector == null) {
                try {
                    selector = Selector.open();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot open a selector: " + e.getMessage(), e);
                }
                thread = new Thread(this::run, name);
                thread.setDaemon(true);
                thread.start();
            }
            return selector;
        }
    }

    private void run() {
        Selector current;
        synchronized (lifecycle) {
            current = selector;
        }
        try {
            while (!closed) {
                current.select(1_000);
                wakeupPending.set(false);
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                for (SelectionKey key : current.selectedKeys()) {
                    if (key.isValid()) {
                        ((Handler) key.attachment()).ready(key);
                    }
                }
                current.selectedKeys().clear();
                everyRound.run();
            }
        } catch (ClosedSelectorException e) {
            // closing
        } catch (IOException | RuntimeException e) {
            log.error("{} failed; its checks will time out: {}", name, e.toString());
        } finally {
            atEnd.run();
            try {
                current.close();
            } catch (IOException e) {
                // closed either way
            }
            // Hand-overs that came as the loop stopped now meet a closed selector and fail their own futures.
            for (Runnable task; (task = tasks.poll()) != null; ) {
                task.run();
            }
        }
    }

    /** @return every key registered with the loop's selector; on the loop's thread */
    Iterable<SelectionKey> keys() {
        return selector.keys();
    }

    /** Stops the loop's thread (its {@code atEnd} work runs first). */
    @Override
    public void close() {
        Thread running;
        Selector current;
        synchronized (lifecycle) {
            closed = true;
            running = thread;
            current = selector;
        }
        if (running == null) {
            return;
        }
        current.wakeup();
        try {
            running.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
