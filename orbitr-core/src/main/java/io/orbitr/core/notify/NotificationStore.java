package io.orbitr.core.notify;

import io.orbitr.InvalidValueException;
import io.orbitr.health.HealthStatus;
import io.orbitr.Page;
import io.orbitr.notify.Notification;
import io.orbitr.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code notifications} table: one row per notification, newest first in every listing, paged by id.
 * Thread-safe (each call is its own unit of work).
 */
public final class NotificationStore {
    private static final int MAX_MESSAGE = 2000;

    private final Store store;

    /** @param store the platform's store */
    public NotificationStore(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Inserts notifications inside the caller's transaction.
     *
     * @param connection the caller's connection
     * @param drafts     the notifications, in order
     * @return them as stored, with their ids
     * @throws SQLException when the insert fails
     */
    public static List<Notification> insert(Connection connection, List<NotificationDraft> drafts)
            throws SQLException {
        List<Notification> stored = new ArrayList<>(drafts.size());
        if (drafts.isEmpty()) {
            return stored;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notifications (target_id,"
                + " from_status, to_status, message, created_at, is_read) VALUES (?, ?, ?, ?, ?, FALSE)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (NotificationDraft draft : drafts) {
                insert.setString(1, draft.targetId());
                insert.setString(2, draft.from().name());
                insert.setString(3, draft.to().name());
                insert.setString(4, clip(draft.message()));
                insert.setLong(5, draft.time().toEpochMilli());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    stored.add(draft.stored(keys.getLong(1)));
                }
            }
        }
        return stored;
    }

    /**
     * @param unreadOnly whether to list unread notifications only
     * @param limit      the page size, 1 to 1000
     * @param after      the cursor of the previous page, empty for the first
     * @return one page, newest first
     */
    public Page<Notification> page(boolean unreadOnly, int limit, Optional<String> after) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidValueException("limit", limit, "must be between 1 and 1000");
        }
        long before = after.map(NotificationStore::cursor).orElse(Long.MAX_VALUE);
        return store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT n.id, n.target_id,"
                    + " COALESCE(t.name, n.target_id), n.from_status, n.to_status, n.message, n.created_at, n.is_read"
                    + " FROM notifications n LEFT JOIN health_targets t ON t.id = n.target_id WHERE n.id < ?"
                    + (unreadOnly ? " AND n.is_read = FALSE" : "") + " ORDER BY n.id DESC FETCH FIRST ? ROWS ONLY")) {
                query.setLong(1, before);
                query.setInt(2, limit + 1);
                List<Notification> items = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        items.add(new Notification(rows.getLong(1), rows.getString(2), rows.getString(3),
                                HealthStatus.valueOf(rows.getString(4)), HealthStatus.valueOf(rows.getString(5)),
                                rows.getString(6), Instant.ofEpochMilli(rows.getLong(7)), rows.getBoolean(8)));
                    }
                }
                if (items.size() > limit) {
                    items.remove(limit);
                    return new Page<>(items, Optional.of(Long.toString(items.get(limit - 1).id())));
                }
                return new Page<>(items, Optional.empty());
            }
        });
    }

    /**
     * @param id a notification's id
     * @return whether it existed (and is now read)
     */
    public boolean markRead(long id) {
        return store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE notifications SET is_read = TRUE WHERE id = ?")) {
                update.setLong(1, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** @return how many notifications were unread and are now read */
    public int markAllRead() {
        return store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE notifications SET is_read = TRUE WHERE is_read = FALSE")) {
                return update.executeUpdate();
            }
        });
    }

    /** @return how many notifications are unread */
    public long unreadCount() {
        return store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COUNT(*) FROM notifications WHERE is_read = FALSE");
                    ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /**
     * @param before notifications created before this are deleted
     * @return how many were deleted
     */
    public int purge(Instant before) {
        return store.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM notifications WHERE created_at < ?")) {
                delete.setLong(1, before.toEpochMilli());
                return delete.executeUpdate();
            }
        });
    }

    private static long cursor(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("after", text, "must be the cursor of a previous page");
        }
    }

    private static String clip(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
