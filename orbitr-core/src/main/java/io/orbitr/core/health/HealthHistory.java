package io.orbitr.core.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orbitr.InvalidValueException;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HistoryEntry;
import io.orbitr.Page;
import io.orbitr.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code health_results} table: every query is bounded by a target and a time range or a row count, and
 * uses the (target, time) index. Thread-safe.
 */
final class HealthHistory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, target_id, status, response_ms, message, details, checked_at";

    private final Store store;

    HealthHistory(Store store) {
        this.store = store;
    }

    /** Counts and response times of one target's results over a window. */
    record Window(long up, long pending, long down, long unknown, Optional<io.orbitr.health.ResponseTimes> times) {
        long judged() {
            return up + pending + down;
        }
    }

    Optional<HistoryEntry> latest(String targetId) {
        List<HistoryEntry> rows = store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM health_results"
                    + " WHERE target_id = ? ORDER BY checked_at DESC, id DESC FETCH FIRST 1 ROWS ONLY")) {
                query.setString(1, targetId);
                return entries(query);
            }
        });
        return rows.stream().findFirst();
    }

    /**
     * The latest result of each of many targets, in a few queries rather than one per target: a server that takes
     * over thousands of targets from another reads where they stood at once.
     *
     * @return the latest entry by target id; targets without results are absent
     */
    Map<String, HistoryEntry> latestOf(List<String> targetIds) {
        Map<String, HistoryEntry> latest = new java.util.HashMap<>();
        for (int from = 0; from < targetIds.size(); from += 500) {
            List<String> chunk = targetIds.subList(from, Math.min(targetIds.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            List<HistoryEntry> rows = store.read(connection -> {
                // One pass over the (target, time) index for the latest times, then one lookup per target: a
                // correlated subquery per result row costs far more once targets have days of history.
                String columns = java.util.Arrays.stream(COLUMNS.split(", ")).map(c -> "r." + c)
                        .collect(java.util.stream.Collectors.joining(", "));
                try (PreparedStatement query = connection.prepareStatement("SELECT " + columns
                        + " FROM health_results r JOIN (SELECT target_id, MAX(checked_at) AS latest FROM health_results"
                        + " WHERE target_id IN (" + marks + ") GROUP BY target_id) m"
                        + " ON r.target_id = m.target_id AND r.checked_at = m.latest")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        query.setString(i + 1, chunk.get(i));
                    }
                    return entries(query);
                }
            });
            for (HistoryEntry row : rows) {
                latest.merge(row.targetId(), row, (a, b) -> a.id() >= b.id() ? a : b);
            }
        }
        return latest;
    }

    /** @return the status of the target's last UP or DOWN result */
    Optional<HealthStatus> lastSettled(String targetId) {
        return store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT status FROM health_results"
                    + " WHERE target_id = ? AND status IN ('UP', 'DOWN') ORDER BY checked_at DESC, id DESC"
                    + " FETCH FIRST 1 ROWS ONLY")) {
                query.setString(1, targetId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(HealthStatus.valueOf(rows.getString(1))) : Optional.empty();
                }
            }
        });
    }

    Page<HistoryEntry> page(String targetId, Instant from, Instant to, int limit, Optional<String> after) {
        if (limit < 1 || limit > 10_000) {
            throw new InvalidValueException("limit", limit, "must be between 1 and 10000");
        }
        if (!from.isBefore(to)) {
            throw new InvalidValueException("from", from, "must be before 'to' " + to);
        }
        long[] cursor = after.map(HealthHistory::cursor).orElse(new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
        List<HistoryEntry> items = store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM health_results"
                    + " WHERE target_id = ? AND checked_at >= ? AND checked_at < ?"
                    + " AND (checked_at < ? OR (checked_at = ? AND id < ?))"
                    + " ORDER BY checked_at DESC, id DESC FETCH FIRST ? ROWS ONLY")) {
                query.setString(1, targetId);
                query.setLong(2, millis(from));
                query.setLong(3, millis(to));
                query.setLong(4, cursor[0]);
                query.setLong(5, cursor[0]);
                query.setLong(6, cursor[1]);
                query.setInt(7, limit + 1);
                return entries(query);
            }
        });
        if (items.size() <= limit) {
            return new Page<>(items, Optional.empty());
        }
        List<HistoryEntry> page = new ArrayList<>(items.subList(0, limit));
        HistoryEntry last = page.get(limit - 1);
        return new Page<>(page, Optional.of(last.result().timestamp().toEpochMilli() + "." + last.id()));
    }

    Window window(String targetId, Instant since) {
        return store.read(connection -> {
            long up = 0;
            long pending = 0;
            long down = 0;
            long unknown = 0;
            Optional<io.orbitr.health.ResponseTimes> times = Optional.empty();
            try (PreparedStatement query = connection.prepareStatement("SELECT status, COUNT(*), AVG(response_ms),"
                    + " MIN(response_ms), MAX(response_ms) FROM health_results WHERE target_id = ? AND checked_at >= ?"
                    + " GROUP BY status")) {
                query.setString(1, targetId);
                query.setLong(2, millis(since));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        long count = rows.getLong(2);
                        switch (HealthStatus.valueOf(rows.getString(1))) {
                            case UP -> {
                                up = count;
                                times = Optional.of(new io.orbitr.health.ResponseTimes(count, rows.getDouble(3),
                                        rows.getLong(4), rows.getLong(5)));
                            }
                            case PENDING -> pending = count;
                            case DOWN -> down = count;
                            default -> unknown += count;
                        }
                    }
                }
            }
            return new Window(up, pending, down, unknown, times);
        });
    }

    /** @return the statuses of the target's last results, newest first */
    List<HealthStatus> recent(String targetId, int count) {
        return store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT status FROM health_results"
                    + " WHERE target_id = ? ORDER BY checked_at DESC, id DESC FETCH FIRST ? ROWS ONLY")) {
                query.setString(1, targetId);
                query.setInt(2, count);
                List<HealthStatus> statuses = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        statuses.add(HealthStatus.valueOf(rows.getString(1)));
                    }
                }
                return statuses;
            }
        });
    }

    /**
     * Deletes results older than a cutoff, an hour of history per transaction so no transaction grows huge.
     *
     * @return how many were deleted
     */
    long purge(Instant before) {
        long oldest = store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT MIN(checked_at) FROM health_results");
                    ResultSet rows = query.executeQuery()) {
                rows.next();
                long min = rows.getLong(1);
                return rows.wasNull() ? Long.MAX_VALUE : min;
            }
        });
        long cutoff = millis(before);
        long step = Duration.ofHours(1).toMillis();
        long deleted = 0;
        for (long bound = oldest; bound < cutoff; ) {
            bound = Math.min(cutoff, bound + step);
            long upTo = bound;
            deleted += store.inTransaction(connection -> {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM health_results WHERE checked_at < ?")) {
                    delete.setLong(1, upTo);
                    return (long) delete.executeUpdate();
                }
            });
        }
        return deleted;
    }

    private static List<HistoryEntry> entries(PreparedStatement query) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                HealthResult result = new HealthResult(HealthStatus.valueOf(rows.getString(3)), rows.getString(5),
                        details(rows.getString(6)), Instant.ofEpochMilli(rows.getLong(7)),
                        Duration.ofMillis(rows.getLong(4)));
                entries.add(new HistoryEntry(rows.getLong(1), rows.getString(2), result));
            }
        }
        return entries;
    }

    private static Map<String, Object> details(String json) {
        if (json == null || json.isEmpty() || json.equals("{}")) {
            return Map.of();
        }
        try {
            Map<String, Object> details = JSON.readValue(json, MAP);
            details.values().removeIf(v -> !(v instanceof String || v instanceof Number || v instanceof Boolean));
            return details;
        } catch (JsonProcessingException e) {
            return Map.of("unreadable", json);
        }
    }

    /** @return the instant in epoch milliseconds, saturated for instants beyond what a long holds */
    private static long millis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long[] cursor(String text) {
        int dot = text.indexOf('.');
        try {
            return new long[] {Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1))};
        } catch (RuntimeException e) {
            throw new InvalidValueException("after", text, "must be the cursor of a previous page");
        }
    }
}
