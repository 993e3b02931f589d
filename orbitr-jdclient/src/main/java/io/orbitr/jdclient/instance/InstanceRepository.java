package io.orbitr.jdclient.instance;

import io.orbitr.ConflictException;
import io.orbitr.NotFoundException;
import io.orbitr.jdclient.config.SavedConfigs;
import io.orbitr.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The instances' rows in the store's {@code instances} table, kind {@code jdclient}. Thread-safe. */
final class InstanceRepository {
    private static final String KIND = SavedConfigs.KIND;
    private static final String COLUMNS = "id, name, config_id, binary_version, desired_state, created_at, updated_at";
    private final Store store;
    private final Clock clock;

    InstanceRepository(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Inserts an instance, in one transaction with a check that its configuration exists and a lock on it. */
    Instance insert(String id, String name, String configId, Optional<String> binaryVersion) {
        long now = clock.millis();
        store.inTransaction(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM saved_configs WHERE kind = ?"
                    + " AND id = ? FOR UPDATE")) {
                lock.setString(1, KIND);
                lock.setString(2, configId);
                try (ResultSet rows = lock.executeQuery()) {
                    if (!rows.next()) {
                        throw new NotFoundException("jd-client configuration", configId);
                    }
                }
            }
            try (PreparedStatement taken = connection.prepareStatement("SELECT id FROM instances WHERE kind = ?"
                    + " AND name = ?")) {
                taken.setString(1, KIND);
                taken.setString(2, name);
                try (ResultSet rows = taken.executeQuery()) {
                    if (rows.next()) {
                        throw new ConflictException("a jd-client instance named '" + name + "' already exists");
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO instances (id, kind, name,"
                    + " config_id, binary_version, desired_state, data, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, '{}', ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, KIND);
                insert.setString(3, name);
                insert.setString(4, configId);
                insert.setString(5, binaryVersion.orElse(null));
                insert.setString(6, DesiredState.STOPPED.name());
                insert.setLong(7, now);
                insert.setLong(8, now);
                insert.executeUpdate();
            }
            return null;
        });
        return find(id).orElseThrow();
    }

    Optional<Instance> find(String nameOrId) {
        return store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM instances"
                    + " WHERE kind = ? AND (id = ? OR name = ?) ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END")) {
                query.setString(1, KIND);
                query.setString(2, nameOrId);
                query.setString(3, nameOrId);
                query.setString(4, nameOrId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(row(rows)) : Optional.empty();
                }
            }
        });
    }

    List<Instance> list() {
        return store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM instances"
                    + " WHERE kind = ? ORDER BY name")) {
                query.setString(1, KIND);
                List<Instance> out = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        out.add(row(rows));
                    }
                }
                return out;
            }
        });
    }

    void setDesiredState(String id, DesiredState state) {
        store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE instances SET desired_state = ?,"
                    + " updated_at = ? WHERE id = ?")) {
                update.setString(1, state.name());
                update.setLong(2, clock.millis());
                update.setString(3, id);
                return update.executeUpdate();
            }
        });
    }

    void delete(String id) {
        store.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM instances WHERE id = ?")) {
                delete.setString(1, id);
                return delete.executeUpdate();
            }
        });
    }

    private static Instance row(ResultSet rows) throws SQLException {
        return new Instance(rows.getString("id"), rows.getString("name"), rows.getString("config_id"),
                Optional.ofNullable(rows.getString("binary_version")),
                DesiredState.valueOf(rows.getString("desired_state")),
                Instant.ofEpochMilli(rows.getLong("created_at")), Instant.ofEpochMilli(rows.getLong("updated_at")));
    }
}
