package io.orbitr.jdclient.instance;

import io.orbitr.ConflictException;
import io.orbitr.NotFoundException;
import io.orbitr.jdclient.config.SavedConfigs;
import io.orbitr.jdclient.store.Sql;
import io.orbitr.store.Store;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The instances' rows in the store's {@code instances} table, kind {@code jdclient}. Thread-safe. */
final class InstanceRepository {
    private static final String KIND = SavedConfigs.KIND;
    private static final String COLUMNS = "id, name, config_id, binary_version, desired_state, created_at, updated_at";
    private final Store store;
    private final Clock clock;
    private final String host;

    /** @param host this server's host: instances created here belong to it */
    InstanceRepository(Store store, Clock clock, String host) {
        this.store = store;
        this.clock = clock;
        this.host = host;
    }

    /**
     * @return the host the instance belongs to, when another than this server's; an instance that belongs to no host
     *     yet (created before hosts were recorded) is claimed for this one
     */
    Optional<String> otherHost(String id) {
        return store.inTransaction(connection -> {
            Optional<String> owner = Sql.first(connection, "SELECT host FROM instances WHERE id = ?",
                    r -> Optional.ofNullable(r.getString(1)), id).flatMap(o -> o);
            if (owner.isEmpty()) {
                Sql.update(connection, "UPDATE instances SET host = ? WHERE id = ? AND host IS NULL", host, id);
                return Optional.empty();
            }
            return owner.get().equals(host) ? Optional.empty() : owner;
        });
    }

    /** Inserts an instance, in one transaction with a check that its configuration exists and a lock on it. */
    Instance insert(String id, String name, String configId, Optional<String> binaryVersion) {
        long now = clock.millis();
        Object version = binaryVersion.isPresent() ? binaryVersion.get() : new Sql.Null(Types.VARCHAR);
        store.inTransaction(connection -> {
            if (Sql.first(connection, "SELECT id FROM saved_configs WHERE kind = ? AND id = ? FOR UPDATE",
                    r -> r.getString(1), KIND, configId).isEmpty()) {
                throw new NotFoundException("jd-client configuration", configId);
            }
            if (Sql.first(connection, "SELECT id FROM instances WHERE kind = ? AND name = ?", r -> r.getString(1),
                    KIND, name).isPresent()) {
                throw new ConflictException("a jd-client instance named '" + name + "' already exists");
            }
            return Sql.update(connection, "INSERT INTO instances (id, kind, name, config_id, binary_version,"
                    + " desired_state, data, created_at, updated_at, host) VALUES (?, ?, ?, ?, ?, ?, '{}', ?, ?, ?)",
                    id, KIND, name, configId, version, DesiredState.STOPPED.name(), now, now, host);
        });
        return find(id).orElseThrow();
    }

    Optional<Instance> find(String nameOrId) {
        return store.read(connection -> Sql.first(connection, "SELECT " + COLUMNS + " FROM instances WHERE kind = ?"
                + " AND (id = ? OR name = ?) ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END", InstanceRepository::row,
                KIND, nameOrId, nameOrId, nameOrId));
    }

    List<Instance> list() {
        return store.read(connection -> Sql.list(connection, "SELECT " + COLUMNS + " FROM instances WHERE kind = ?"
                + " ORDER BY name", InstanceRepository::row, KIND));
    }

    void setDesiredState(String id, DesiredState state) {
        store.inTransaction(connection -> Sql.update(connection, "UPDATE instances SET desired_state = ?,"
                + " updated_at = ? WHERE id = ?", state.name(), clock.millis(), id));
    }

    void delete(String id) {
        store.inTransaction(connection -> Sql.update(connection, "DELETE FROM instances WHERE id = ?", id));
    }

    private static Instance row(ResultSet rows) throws SQLException {
        return new Instance(rows.getString("id"), rows.getString("name"), rows.getString("config_id"),
                Optional.ofNullable(rows.getString("binary_version")),
                DesiredState.valueOf(rows.getString("desired_state")),
                Instant.ofEpochMilli(rows.getLong("created_at")), Instant.ofEpochMilli(rows.getLong("updated_at")));
    }
}
