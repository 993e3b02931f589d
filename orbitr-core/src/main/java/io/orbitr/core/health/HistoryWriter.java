package io.orbitr.core.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orbitr.core.notify.NotificationDispatcher;
import io.orbitr.core.notify.NotificationDraft;
import io.orbitr.core.notify.NotificationStore;
import io.orbitr.health.HealthResult;
import io.orbitr.notify.Notification;
import io.orbitr.store.Store;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes results and notifications to the store from one thread, in batches: every {@value #LINGER_MILLIS} ms (or at
 * once when a flush is asked for) whatever arrived goes in one transaction, up to {@value #MAX_BATCH} items each.
 * Checks never wait for the database nor wake the writer: they hand their result over through a lock-free queue
 * and go on. When the writer falls {@value #CAPACITY} items behind, further results are dropped and counted
 * (notifications are always kept). Stored notifications are then handed to the sinks. Thread-safe.
 */
final class HistoryWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int CAPACITY = 200_000;
    private static final int MAX_BATCH = 20_000;
    private static final long LINGER_MILLIS = 250;
    private static final int MAX_MESSAGE = 2000;

    private final Store store;
    private final NotificationDispatcher dispatcher;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Runnable housekeeping;
    /** Tells the other servers sharing the store of each batch's results, when there are any. */
    private final java.util.Optional<StatusNotices> notices;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param store        where to write
     * @param dispatcher   where stored notifications go
     * @param housekeeping work the writer thread runs between batches (the periodic purge); must not throw
     * @param notices      publishes each batch's results to the other servers, in the batch's transaction
     */
    HistoryWriter(Store store, NotificationDispatcher dispatcher, Runnable housekeeping,
            java.util.Optional<StatusNotices> notices) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.housekeeping = housekeeping;
        this.notices = notices;
        this.thread = new Thread(this::run, "orbitr-health-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** One result to store. */
    private record Row(LiveResult live) {
        String targetId() {
            return live.targetId();
        }

        HealthResult result() {
            return live.result();
        }
    }

    /** A marker: everything before it is written when it completes. */
    private record Flush(CompletableFuture<Void> done) {
    }

    /** @param live a result to store (with the monitor's status), and the state it left its target in */
    void result(LiveResult live) {
        if (queued.incrementAndGet() <= CAPACITY) {
            queue.add(new Row(live));
        } else {
            queued.decrementAndGet();
            if (dropped.incrementAndGet() % 10_000 == 1) {
                log.warn("the health history writer is {} results behind; results are being dropped ({} so far)",
                        CAPACITY, dropped.get());
            }
        }
    }

    /** @param draft a notification to store, then send */
    void notification(NotificationDraft draft) {
        queued.incrementAndGet();
        queue.add(draft);
    }

    /** Waits until everything handed over before this call is written (and its notifications handed to sinks). */
    void flush() {
        if (!running) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            queued.incrementAndGet();
            queue.add(new Flush(done));
            LockSupport.unpark(thread);
            done.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("flushing the health history did not finish: {}", e.toString());
        }
    }

    long stored() {
        return stored.get();
    }

    long dropped() {
        return dropped.get();
    }

    int pending() {
        return queued.get();
    }

    private void run() {
        List<Object> batch = new ArrayList<>();
        while (running || queued.get() > 0) {
            try {
                for (Object item; batch.size() < MAX_BATCH && (item = queue.poll()) != null; ) {
                    queued.decrementAndGet();
                    batch.add(item);
                }
                if (!batch.isEmpty()) {
                    write(batch);
                    batch.clear();
                }
                housekeeping.run();
            } catch (RuntimeException e) {
                log.error("the health history writer failed; {} items lost: {}", batch.size(), e.toString());
                complete(batch);
                batch.clear();
            }
            if (running && queued.get() < MAX_BATCH) {
                // Sleep rather than wait on the queue: a producer then never has to wake this thread.
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS));
            }
        }
    }

    private void write(List<Object> batch) {
        List<Row> rows = new ArrayList<>();
        List<NotificationDraft> drafts = new ArrayList<>();
        for (Object item : batch) {
            if (item instanceof Row row) {
                rows.add(row);
            } else if (item instanceof NotificationDraft draft) {
                drafts.add(draft);
            }
        }
        List<Notification> notifications = List.of();
        if (!rows.isEmpty() || !drafts.isEmpty()) {
            notifications = store.inTransaction(connection -> {
                if (!rows.isEmpty()) {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO health_results"
                            + " (target_id, status, response_ms, message, details, checked_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")) {
                        for (Row row : rows) {
                            HealthResult result = row.result();
                            insert.setString(1, row.targetId());
                            insert.setString(2, result.status().name());
                            insert.setLong(3, result.duration().toMillis());
                            insert.setString(4, clip(result.message()));
                            insert.setString(5, json(result));
                            insert.setLong(6, result.timestamp().toEpochMilli());
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                    if (notices.isPresent()) {
                        notices.get().publish(connection, rows.stream().map(Row::live).toList());
                    }
                }
                return NotificationStore.insert(connection, drafts);
            });
            stored.addAndGet(rows.size());
        }
        for (int i = 0; i < notifications.size(); i++) {
            dispatcher.dispatch(notifications.get(i), drafts.get(i).sinks());
        }
        complete(batch);
    }

    private static void complete(List<Object> batch) {
        for (Object item : batch) {
            if (item instanceof Flush flush) {
                flush.done().complete(null);
            }
        }
    }

    private static String json(HealthResult result) {
        if (result.details().isEmpty()) {
            return "{}";
        }
        try {
            return JSON.writeValueAsString(result.details());
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    private static String clip(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }

    /** Writes what is waiting, then stops the thread. */
    @Override
    public void close() {
        running = false;
        // Wake the thread without interrupting it: an interrupt inside a database write may close H2's file.
        LockSupport.unpark(thread);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
