package io.orbitr.core.health;

import io.orbitr.ConflictException;
import io.orbitr.NotFoundException;
import io.orbitr.health.HealthTarget;
import io.orbitr.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code health_targets} table. Thread-safe (each call is its own unit of work). */
final class TargetRepository {
    private static final Logger log = LoggerFactory.getLogger(TargetRepository.class);

    private final Store store;

    TargetRepository(Store store) {
        this.store = store;
    }

    /** Inserts targets in one transaction: all or none. */
    void insert(Collection<HealthTarget> targets, long now) {
        store.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO health_targets (id, name,"
                    + " group_name, definition, paused, created_at, updated_at) VALUES (?, ?, ?, ?, FALSE, ?, ?)")) {
                for (HealthTarget target : targets) {
                    if (exists(connection, target.id())) {
                        throw new ConflictException("a health target with id '" + target.id()
                                + "' already exists; update it, or remove it first");
                    }
                    insert.setString(1, target.id());
                    insert.setString(2, target.name());
                    insert.setString(3, target.group());
                    insert.setString(4, TargetCodec.encode(target));
                    insert.setLong(5, now);
                    insert.setLong(6, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    void update(HealthTarget target, long now) {
        store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE health_targets SET name = ?,"
                    + " group_name = ?, definition = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, target.name());
                update.setString(2, target.group());
                update.setString(3, TargetCodec.encode(target));
                update.setLong(4, now);
                update.setString(5, target.id());
                if (update.executeUpdate() == 0) {
                    throw new NotFoundException("health target", target.id());
                }
            }
            return null;
        });
    }

    void setPaused(String id, boolean paused, long now) {
        store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE health_targets SET paused = ?, updated_at = ? WHERE id = ?")) {
                update.setBoolean(1, paused);
                update.setLong(2, now);
                update.setString(3, id);
                if (update.executeUpdate() == 0) {
                    throw new NotFoundException("health target", id);
                }
            }
            return null;
        });
    }

    /** Deletes a target, its history and its notifications in one transaction. */
    void delete(String id) {
        store.inTransaction(connection -> {
            try (PreparedStatement results = connection.prepareStatement(
                    "DELETE FROM health_results WHERE target_id = ?");
                    PreparedStatement notifications = connection.prepareStatement(
                            "DELETE FROM notifications WHERE target_id = ?");
                    PreparedStatement target = connection.prepareStatement(
                            "DELETE FROM health_targets WHERE id = ?")) {
                results.setString(1, id);
                results.executeUpdate();
                notifications.setString(1, id);
                notifications.executeUpdate();
                target.setString(1, id);
                if (target.executeUpdate() == 0) {
                    throw new NotFoundException("health target", id);
                }
            }
            return null;
        });
    }

    /**
     * @return what changes whenever a target is added, changed, paused, resumed or removed (by any server sharing
     *     the store): the count and the latest change time
     */
    String signature() {
        return store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COUNT(*), MAX(updated_at) FROM health_targets");
                    ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1) + "/" + rows.getLong(2);
            }
        });
    }

    /** @return every stored target, by id; a definition that cannot be read is logged and skipped */
    List<StoredTarget> loadAll() {
        return store.read(connection -> {
            List<StoredTarget> targets = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT id, name, group_name, definition,"
                    + " paused, updated_at FROM health_targets ORDER BY id");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    try {
                        targets.add(new StoredTarget(TargetCodec.decode(id, rows.getString(2), rows.getString(3),
                                rows.getString(4)), rows.getBoolean(5), rows.getLong(6)));
                    } catch (RuntimeException e) {
                        log.error("health target '{}' has a stored definition this Orbitr cannot read; it is not"
                                + " monitored: {}", id, e.getMessage());
                    }
                }
            }
            return targets;
        });
    }

    private static boolean exists(Connection connection, String id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM health_targets WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
