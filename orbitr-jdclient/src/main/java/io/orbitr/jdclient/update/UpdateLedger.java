package io.orbitr.jdclient.update;

import io.orbitr.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The updater's records in the core tables: the current and previous versions as {@code settings} rows, and the
 * install history in {@code update_history} under the component {@value BinaryUpdater#COMPONENT}. A successful
 * change writes both in one transaction, so the history never disagrees with the recorded version.
 */
final class UpdateLedger {
    static final String VERSION_KEY = "jdclient.binary.version";
    static final String PREVIOUS_VERSION_KEY = "jdclient.binary.previous-version";
    /** The journal of a change of the current binary whose files are staged but not yet all in place. */
    static final String PENDING_KEY = "jdclient.binary.pending";
    private static final int MESSAGE_LIMIT = 2000;

    private final Store store;
    private final Clock clock;

    UpdateLedger(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Optional<String> currentVersion() {
        return setting(VERSION_KEY);
    }

    Optional<String> previousVersion() {
        return setting(PREVIOUS_VERSION_KEY);
    }

    /** A change of the current binary between its staging and its history entry: what a start must finish. */
    record Pending(UpdateAction action, String from, String to, BinaryFiles.Staged staged) {
        private String encode() {
            return String.join("\t", action.name(), from, to, staged.nextDigest(), staged.backupDigest().orElse(""));
        }

        private static Pending decode(String value) {
            String[] parts = value.split("\t", -1);
            return new Pending(UpdateAction.valueOf(parts[0]), parts[1], parts[2],
                    new BinaryFiles.Staged(parts[3], parts[4].isEmpty() ? Optional.empty() : Optional.of(parts[4])));
        }
    }

    /** Journals a change whose files are staged, before any of them is renamed into place. */
    void recordPending(Pending pending) {
        long now = clock.millis();
        store.inTransaction(connection -> {
            put(connection, PENDING_KEY, pending.encode(), now);
            return null;
        });
    }

    /** @return the journaled change that did not finish, if any */
    Optional<Pending> pending() {
        return setting(PENDING_KEY).map(Pending::decode);
    }

    /** Records a change of the current binary together with its history entry, and clears the journal. */
    void recordSuccess(UpdateAction action, String from, String to, String previous, String message) {
        long now = clock.millis();
        store.inTransaction(connection -> {
            put(connection, VERSION_KEY, to, now);
            put(connection, PREVIOUS_VERSION_KEY, previous, now);
            insert(connection, action, from, to, UpdateOutcome.SUCCESS, message, now);
            clearPending(connection);
            return null;
        });
    }

    /** Records a failed change, and clears the journal. */
    void recordFailure(UpdateAction action, String from, String to, String message) {
        long now = clock.millis();
        store.inTransaction(connection -> {
            insert(connection, action, from, to, UpdateOutcome.FAILED, message, now);
            clearPending(connection);
            return null;
        });
    }

    private static void clearPending(Connection connection) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM settings WHERE setting_key = ?")) {
            delete.setString(1, PENDING_KEY);
            delete.executeUpdate();
        }
    }

    List<UpdateRecord> history(int limit) {
        return store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT id, action, from_version, to_version,"
                    + " outcome, message, at FROM update_history WHERE component = ? ORDER BY id DESC")) {
                query.setString(1, BinaryUpdater.COMPONENT);
                query.setMaxRows(limit);
                List<UpdateRecord> records = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        records.add(new UpdateRecord(rows.getLong(1),
                                UpdateAction.valueOf(rows.getString(2).toUpperCase(Locale.ROOT)), rows.getString(3),
                                rows.getString(4), UpdateOutcome.valueOf(rows.getString(5).toUpperCase(Locale.ROOT)),
                                rows.getString(6), Instant.ofEpochMilli(rows.getLong(7))));
                    }
                }
                return records;
            }
        });
    }

    private Optional<String> setting(String key) {
        return store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT setting_value FROM settings WHERE setting_key = ?")) {
                query.setString(1, key);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Update-then-insert instead of MERGE: the store may be any JDBC database, not only H2. */
    private static void put(Connection connection, String key, String value, long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE settings SET setting_value = ?, updated_at = ? WHERE setting_key = ?")) {
            update.setString(1, value);
            update.setLong(2, now);
            update.setString(3, key);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO settings (setting_key, setting_value, updated_at) VALUES (?, ?, ?)")) {
            insert.setString(1, key);
            insert.setString(2, value);
            insert.setLong(3, now);
            insert.executeUpdate();
        }
    }

    private static void insert(Connection connection, UpdateAction action, String from, String to,
                               UpdateOutcome outcome, String message, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO update_history (component, action,"
                + " from_version, to_version, outcome, message, at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, BinaryUpdater.COMPONENT);
            insert.setString(2, action.label());
            insert.setString(3, from);
            insert.setString(4, to);
            insert.setString(5, outcome.label());
            insert.setString(6, message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT - 3) + "..."
                    : message);
            insert.setLong(7, now);
            insert.executeUpdate();
        }
    }
}
