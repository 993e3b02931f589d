package io.orbitr.jdclient.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orbitr.InvalidValueException;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.jdclient.store.Sql;
import io.orbitr.store.Store;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stored check results of jd-client instances, in the store's {@code health_results} table under target ids
 * {@code jdclient:INSTANCE_ID:CHECK}. Thread-safe.
 */
public final class HealthHistory {
    private static final String PREFIX = "jdclient:";
    private static final int MAX_MESSAGE = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Store store;

    /** @param store the platform's store */
    public HealthHistory(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Stores every result of a report.
     *
     * @param report a round of checks
     */
    public void record(HealthReport report) {
        store.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO health_results (target_id,"
                    + " status, response_ms, message, details, checked_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, HealthResult> e : report.checks().entrySet()) {
                    HealthResult r = e.getValue();
                    insert.setString(1, PREFIX + report.instanceId() + ":" + e.getKey());
                    insert.setString(2, r.status().name());
                    insert.setLong(3, r.duration().toMillis());
                    insert.setString(4, r.message().length() > MAX_MESSAGE ? r.message().substring(0, MAX_MESSAGE)
                            : r.message());
                    insert.setString(5, json(r.details()));
                    insert.setLong(6, r.timestamp().toEpochMilli());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /**
     * @param instanceId an instance id
     * @param from       the range's start, inclusive
     * @param to         the range's end, exclusive
     * @param limit      the most results to return (the newest are kept)
     * @return the instance's results in the range, oldest first
     */
    public List<HealthRecord> history(String instanceId, Instant from, Instant to, int limit) {
        if (limit < 1) {
            throw new InvalidValueException("limit", limit, "must be 1 or more");
        }
        List<HealthRecord> newestFirst = store.read(connection -> Sql.list(connection, "SELECT target_id, status,"
                + " response_ms, message, details, checked_at FROM health_results WHERE target_id LIKE ?"
                + " AND checked_at >= ? AND checked_at < ? ORDER BY checked_at DESC, id DESC", limit, rows -> {
                    String target = rows.getString(1);
                    HealthResult result = new HealthResult(HealthStatus.valueOf(rows.getString(2)), rows.getString(4),
                            details(rows.getString(5)), Instant.ofEpochMilli(rows.getLong(6)),
                            Duration.ofMillis(rows.getLong(3)));
                    return new HealthRecord(instanceId, target.substring(target.lastIndexOf(':') + 1), result);
                }, PREFIX + instanceId + ":%", from.toEpochMilli(), to.toEpochMilli()));
        List<HealthRecord> out = new ArrayList<>(newestFirst);
        Collections.reverse(out);
        return out;
    }

    /**
     * @param instanceId an instance id whose results are to be forgotten (a deleted instance)
     */
    public void deleteInstance(String instanceId) {
        store.inTransaction(connection -> Sql.update(connection, "DELETE FROM health_results WHERE target_id LIKE ?",
                PREFIX + instanceId + ":%"));
    }

    /**
     * @param cutoff results checked before it are deleted
     * @return how many were deleted
     */
    public int deleteOlderThan(Instant cutoff) {
        return store.inTransaction(connection -> Sql.update(connection, "DELETE FROM health_results WHERE target_id"
                + " LIKE ? AND checked_at < ?", PREFIX + "%", cutoff.toEpochMilli()));
    }

    private static String json(Map<String, Object> details) {
        try {
            return JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            return "{}"; // HealthResult only holds strings, numbers and booleans; this cannot happen
        }
    }

    private static Map<String, Object> details(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
