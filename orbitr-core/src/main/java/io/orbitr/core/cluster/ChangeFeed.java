package io.orbitr.core.cluster;

import io.orbitr.InvalidValueException;
import io.orbitr.core.store.SqlDialect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other servers on a shared PostgreSQL store that something changed (routes, settings), so that they
 * refresh what they derive from it (a proxy file, a cache) without polling: {@code pg_notify} inside the writing
 * transaction, delivered by PostgreSQL at commit, and a {@code LISTEN} on one connection of this server's own. A
 * server never hears its own notices (each carries its origin). On H2 (one server) it does nothing.
 *
 * <p>A notice may carry data (up to {@value #MAX_DATA_BYTES} bytes of UTF-8, as PostgreSQL limits a notice to 8000):
 * the health monitor sends its results this way, so that every server knows every target's live status.
 *
 * <p>A listener runs on the feed's thread and must be quick; one that throws is logged and kept. After the listening
 * connection is lost the feed reconnects (1 s apart) and then calls every listener once, as a change may have been
 * missed meanwhile (a listener of data is told so through its own callback).
 */
public final class ChangeFeed implements AutoCloseable {
    /** The PostgreSQL channel every Orbitr notice goes through. */
    public static final String CHANNEL = "orbitr_changes";
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    /** The most data one notice carries, in bytes of UTF-8: PostgreSQL's 8000 less the topic and the origin. */
    public static final int MAX_DATA_BYTES = 7000;
    private static final char SEPARATOR = '|';

    private final DataSource dataSource;
    private final String origin;
    private final boolean shared;
    private final Map<String, List<DataListener>> listeners = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private Thread thread;

    /**
     * @param dataSource the store's data source
     * @param origin     this server's unique name (its lease holder name)
     * @param dialect    the store's dialect: only PostgreSQL is shared by several servers
     */
    public ChangeFeed(DataSource dataSource, String origin, SqlDialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.shared = dialect == SqlDialect.POSTGRESQL;
    }

    /**
     * Announces a change of a topic to the other servers, when the caller's transaction commits.
     *
     * @param connection the caller's connection, inside its transaction
     * @param topic      what changed, e.g. {@code proxy}
     * @throws SQLException when the store fails
     */
    public void publish(Connection connection, String topic) throws SQLException {
        publish(connection, topic, "");
    }

    /**
     * Announces a change of a topic with its data to the other servers, when the caller's transaction commits. The
     * notices of one transaction arrive in the order they were published, and transactions in the order they
     * committed.
     *
     * @param connection the caller's connection, inside its transaction
     * @param topic      what changed, e.g. {@code health}; no {@code '|'}
     * @param data       what the listeners receive, at most {@value #MAX_DATA_BYTES} bytes of UTF-8
     * @throws SQLException when the store fails
     */
    public void publish(Connection connection, String topic, String data) throws SQLException {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(data, "data");
        if (topic.indexOf(SEPARATOR) >= 0) {
            throw new InvalidValueException("topic", topic, "must not contain '|'");
        }
        int bytes = data.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_DATA_BYTES) {
            throw new InvalidValueException("data", bytes + " bytes", "a notice carries at most " + MAX_DATA_BYTES
                    + " bytes; split it");
        }
        if (!shared) {
            return;
        }
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, topic + SEPARATOR + origin + (data.isEmpty() ? "" : SEPARATOR + data));
            notify.execute();
        }
    }

    /** @return whether other servers may hear this feed (PostgreSQL); on H2 publishing does nothing */
    public boolean shared() {
        return shared;
    }

    /**
     * @param topic    the topic
     * @param listener called (on the feed's thread) when another server changed it
     */
    public void subscribe(String topic, Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        subscribe(topic, data -> listener.run(), listener);
    }

    /**
     * @param topic  the topic
     * @param onData called (on the feed's thread) with each notice's data when another server changed the topic
     * @param missed called (on the feed's thread) after the feed lost its connection, when notices may have been
     *               missed: read the store again
     * @return stops the listener
     */
    public AutoCloseable subscribe(String topic, Consumer<String> onData, Runnable missed) {
        DataListener listener = new DataListener(Objects.requireNonNull(onData, "onData"),
                Objects.requireNonNull(missed, "missed"));
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
        startListening();
        return () -> listeners.getOrDefault(topic, List.of()).remove(listener);
    }

    private synchronized void startListening() {
        if (shared && thread == null && !closed) {
            thread = new Thread(this::listen, "orbitr-change-feed");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void listen() {
        boolean missed = false;
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (missed) {
                    listeners.values().forEach(list -> list.forEach(listener -> call(listener.missed(), null)));
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notices = pg.getNotifications(500);
                    if (notices != null) {
                        for (PGNotification notice : notices) {
                            dispatch(notice.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                missed = true;
                log.warn("the change feed lost its connection ({}); reconnecting in 1 s", e.getMessage());
                try {
                    TimeUnit.SECONDS.sleep(1);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void dispatch(String payload) {
        int at = payload.indexOf(SEPARATOR);
        if (at < 0) {
            return;
        }
        int dataAt = payload.indexOf(SEPARATOR, at + 1);
        String from = dataAt < 0 ? payload.substring(at + 1) : payload.substring(at + 1, dataAt);
        if (from.equals(origin)) {
            return;
        }
        String data = dataAt < 0 ? "" : payload.substring(dataAt + 1);
        listeners.getOrDefault(payload.substring(0, at), List.of())
                .forEach(listener -> call(() -> listener.onData().accept(data), data));
    }

    private void call(Runnable listener, String data) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            log.warn("a change listener failed{}: {}", data == null ? " after missed notices" : "", e.toString());
        }
    }

    /** A listener: its data callback, and what it does when notices may have been missed. */
    private record DataListener(Consumer<String> onData, Runnable missed) {
    }

    @Override
    public void close() throws InterruptedException {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        if (running != null) {
            running.join(TimeUnit.SECONDS.toMillis(5));
        }
    }
}
