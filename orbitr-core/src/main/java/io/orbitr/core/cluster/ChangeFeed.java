package io.orbitr.core.cluster;

import io.orbitr.core.store.SqlDialect;
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
 * <p>A listener runs on the feed's thread and must be quick; one that throws is logged and kept. After the listening
 * connection is lost the feed reconnects (1 s apart) and then calls every listener once, as a change may have been
 * missed meanwhile.
 */
public final class ChangeFeed implements AutoCloseable {
    /** The PostgreSQL channel every Orbitr notice goes through. */
    public static final String CHANNEL = "orbitr_changes";
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final char SEPARATOR = '|';

    private final DataSource dataSource;
    private final String origin;
    private final boolean shared;
    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();
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
        if (!shared) {
            return;
        }
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, topic + SEPARATOR + origin);
            notify.execute();
        }
    }

    /**
     * @param topic    the topic
     * @param listener called (on the feed's thread) when another server changed it
     */
    public synchronized void subscribe(String topic, Runnable listener) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(Objects.requireNonNull(listener));
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
                    listeners.values().forEach(list -> list.forEach(this::call));
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
        if (at < 0 || payload.substring(at + 1).equals(origin)) {
            return;
        }
        listeners.getOrDefault(payload.substring(0, at), List.of()).forEach(this::call);
    }

    private void call(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            log.warn("a change listener failed: {}", e.toString());
        }
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
