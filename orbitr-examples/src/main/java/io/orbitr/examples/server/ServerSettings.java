package io.orbitr.examples.server;

import io.orbitr.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** The server's own settings (auto-update of extensions, telemetry), as name-value rows. Thread-safe. */
final class ServerSettings {
    private final Store store;

    ServerSettings(Store store) {
        this.store = store;
    }

    boolean flag(String name, boolean fallback) {
        return get(name).map(Boolean::parseBoolean).orElse(fallback);
    }

    Optional<String> get(String name) {
        return store.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT setting_value FROM orbitr_server_setting WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    void put(String name, String value) {
        store.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM orbitr_server_setting WHERE name = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO orbitr_server_setting (name, setting_value) VALUES (?, ?)")) {
                delete.setString(1, name);
                delete.executeUpdate();
                insert.setString(1, name);
                insert.setString(2, value);
                insert.executeUpdate();
            }
            return null;
        });
    }
}
