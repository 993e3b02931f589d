package io.orbitr.examples.server;

import io.orbitr.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit log: a row for every changing call, in the server's table. Thread-safe. */
public final class AuditLog {
    private final Store store;
    private final Clock clock;

    /**
     * @param store the platform's store
     * @param clock stamps the rows
     */
    public AuditLog(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param actor     who
     * @param operation which operation
     * @param method    the HTTP method
     * @param path      the request path
     * @param object    what it acted on
     * @param status    the answer's status
     */
    public void record(String actor, String operation, String method, String path, String object, int status) {
        store.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orbitr_server_audit"
                    + " (at, actor, operation, method, path, object, status) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, clock.millis());
                insert.setString(2, cut(actor, 64));
                insert.setString(3, cut(operation, 64));
                insert.setString(4, cut(method, 8));
                insert.setString(5, cut(path, 1000));
                insert.setString(6, cut(object, 1000));
                insert.setInt(7, status);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * @param limit  the page size
     * @param before entries older than this id; {@link Long#MAX_VALUE} for the newest
     * @return entries, newest first
     */
    public List<AuditEntry> page(int limit, long before) {
        return store.read(c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, at, actor, operation, method, path, object,"
                    + " status FROM orbitr_server_audit WHERE id < ? ORDER BY id DESC LIMIT ?")) {
                select.setLong(1, before);
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        out.add(new AuditEntry(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)),
                                rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                                rows.getString(7), rows.getInt(8)));
                    }
                }
            }
            return out;
        });
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
