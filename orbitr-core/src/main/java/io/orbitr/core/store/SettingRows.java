package io.orbitr.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes one row of the core {@code settings} table (key, text value, when it changed), inside the
 * caller's transaction. One place for this SQL, so that a store on another database changes it once.
 */
public final class SettingRows {
    private SettingRows() {
    }

    /**
     * @param connection the caller's connection
     * @param key        the setting's key
     * @return its value, or empty when it was never written
     * @throws SQLException when the store fails
     */
    public static Optional<String> read(Connection connection, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT setting_value FROM settings WHERE setting_key = ?")) {
            statement.setString(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Writes the value, replacing the one there.
     *
     * @param connection the caller's connection
     * @param key        the setting's key
     * @param value      its new value
     * @param now        when it changed, in epoch milliseconds
     * @throws SQLException when the store fails
     */
    public static void write(Connection connection, String key, String value, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(upsert(connection))) {
            statement.setString(1, key);
            statement.setString(2, value);
            statement.setLong(3, now);
            statement.executeUpdate();
        }
    }

    /**
     * @param connection the caller's connection
     * @return the statement that writes or replaces a row; its parameters are the key, the value and the time
     * @throws SQLException when the store fails
     */
    public static String upsert(Connection connection) throws SQLException {
        return SqlDialect.of(connection).upsert("settings", List.of("setting_key"),
                List.of("setting_key", "setting_value", "updated_at"));
    }

    /**
     * @param connection the caller's connection
     * @param key        the setting's key; nothing happens when it is absent
     * @throws SQLException when the store fails
     */
    public static void delete(Connection connection, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM settings WHERE setting_key = ?")) {
            statement.setString(1, key);
            statement.executeUpdate();
        }
    }
}
