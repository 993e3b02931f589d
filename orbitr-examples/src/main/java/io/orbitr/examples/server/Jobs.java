package io.orbitr.examples.server;

import io.orbitr.NotFoundException;
import io.orbitr.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs long operations in the background and keeps their state in the server's table, so that a job survives in the
 * list after a restart (one that was running when the server stopped is marked failed at the next start). Progress
 * goes to listeners (the WebSocket) at most every 250 ms per job, and to the table when the job ends. Thread-safe.
 */
public final class Jobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Jobs.class);

    /** What a job's work reports progress to. */
    @FunctionalInterface
    public interface Progress {
        /** @param text the progress, in words */
        void report(String text);
    }

    /** The work of a job. */
    @FunctionalInterface
    public interface Work {
        /**
         * @param progress where to report progress
         * @return the outcome, in words
         * @throws Exception when the job fails; its message becomes the job's
         */
        String run(Progress progress) throws Exception;
    }

    private final Store store;
    private final Clock clock;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "orbitr-server-job");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Consumer<Job>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param store the platform's store
     * @param clock the clock
     */
    public Jobs(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        store.inTransaction(c -> {
            try (PreparedStatement orphans = c.prepareStatement("UPDATE orbitr_server_job SET state = 'FAILED',"
                    + " message = 'the server stopped while it ran', finished_at = ? WHERE state = 'RUNNING'")) {
                orphans.setLong(1, clock.millis());
                orphans.executeUpdate();
            }
            return null;
        });
    }

    /** @param listener told of every job's progress and end */
    public void listen(Consumer<Job> listener) {
        listeners.add(listener);
    }

    /** @param listener no longer told */
    public void unlisten(Consumer<Job> listener) {
        listeners.remove(listener);
    }

    /**
     * @param kind    what it does
     * @param subject what it works on
     * @param actor   who started it
     * @param work    the work
     * @return the job, running
     */
    public Job start(String kind, String subject, String actor, Work work) {
        Job job = new Job(Secrets.randomId(12), kind, subject, Job.State.RUNNING, "", "", actor, clock.instant(),
                Optional.empty());
        store.inTransaction(c -> {
            write(c, job, true);
            return null;
        });
        executor.execute(() -> run(job, work));
        return job;
    }

    private void run(Job start, Work work) {
        Job[] current = {start};
        long[] lastTold = {0};
        try {
            String outcome = work.run(text -> {
                current[0] = current[0].withProgress(text.length() > 1000 ? text.substring(0, 1000) : text);
                long now = clock.millis();
                if (now - lastTold[0] >= 250) {
                    lastTold[0] = now;
                    tell(current[0]);
                }
            });
            current[0] = current[0].finished(Job.State.SUCCEEDED, outcome, clock.instant());
        } catch (Exception | LinkageError e) {
            log.warn("job {} ({} {}) failed: {}", start.id(), start.kind(), start.subject(), e.toString());
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            current[0] = current[0].finished(Job.State.FAILED, message.length() > 2000 ? message.substring(0, 2000)
                    : message, clock.instant());
        }
        Job end = current[0];
        store.inTransaction(c -> {
            write(c, end, false);
            return null;
        });
        tell(end);
    }

    private void tell(Job job) {
        for (Consumer<Job> listener : listeners) {
            try {
                listener.accept(job);
            } catch (RuntimeException e) {
                log.debug("a job listener failed", e);
            }
        }
    }

    /**
     * @param id the job's id
     * @return the job
     * @throws NotFoundException when there is none
     */
    public Job get(String id) {
        return store.read(c -> {
            try (PreparedStatement select = c.prepareStatement(SELECT + " WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw new NotFoundException("job", id);
                    }
                    return job(rows);
                }
            }
        });
    }

    /**
     * @param limit  the page size
     * @param offset how many of the newest to skip
     * @return jobs, newest first
     */
    public List<Job> page(int limit, int offset) {
        return store.read(c -> {
            List<Job> out = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(SELECT
                    + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
                select.setInt(1, limit);
                select.setInt(2, offset);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        out.add(job(rows));
                    }
                }
            }
            return out;
        });
    }

    /** Stops taking jobs; running ones get a few seconds to finish. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    private static final String SELECT = "SELECT id, kind, subject, state, progress, message, created_by, created_at,"
            + " finished_at FROM orbitr_server_job";

    private static Job job(ResultSet rows) throws SQLException {
        long finished = rows.getLong(9);
        Optional<Instant> finishedAt = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(finished));
        return new Job(rows.getString(1), rows.getString(2), rows.getString(3), Job.State.valueOf(rows.getString(4)),
                rows.getString(5), rows.getString(6), rows.getString(7), Instant.ofEpochMilli(rows.getLong(8)),
                finishedAt);
    }

    private static void write(java.sql.Connection c, Job job, boolean insert) throws SQLException {
        String sql = insert ? "INSERT INTO orbitr_server_job (kind, subject, state, progress, message, created_by,"
                + " created_at, finished_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : "UPDATE orbitr_server_job SET kind = ?, subject = ?, state = ?, progress = ?, message = ?,"
                + " created_by = ?, created_at = ?, finished_at = ? WHERE id = ?";
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, job.kind());
            statement.setString(2, job.subject().length() > 500 ? job.subject().substring(0, 500) : job.subject());
            statement.setString(3, job.state().name());
            statement.setString(4, job.progress());
            statement.setString(5, job.message());
            statement.setString(6, job.createdBy());
            statement.setLong(7, job.createdAt().toEpochMilli());
            if (job.finishedAt().isPresent()) {
                statement.setLong(8, job.finishedAt().get().toEpochMilli());
            } else {
                statement.setNull(8, Types.BIGINT);
            }
            statement.setString(9, job.id());
            statement.executeUpdate();
        }
    }
}
