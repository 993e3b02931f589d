package io.orbitr.core.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.orbitr.core.cluster.ChangeFeed;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the live status of the targets from the server that checks them to the other servers on the store: each
 * batch of results the writer stores is also published on the {@link ChangeFeed} (topic {@value #TOPIC}), inside the
 * same transaction, so a server that hears of a result finds it stored. A notice holds a JSON array of results, each
 * {@code [id, status, failures, sinceMillis, checkedAtMillis, durationMillis, message, details]}, as many as fit in
 * {@link ChangeFeed#MAX_DATA_BYTES}; a result too large for a notice of its own is sent with its message clipped and
 * without details (the stored row keeps them). Thread-safe.
 */
final class StatusNotices {
    /** The change feed's topic of health results. */
    static final String TOPIC = "health";
    private static final Logger log = LoggerFactory.getLogger(StatusNotices.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIPPED_MESSAGE = 500;
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final ChangeFeed feed;

    StatusNotices(ChangeFeed feed) {
        this.feed = feed;
    }

    /**
     * Publishes results inside the caller's transaction; nothing when no other server can hear them.
     *
     * @param connection the writer's connection, inside its transaction
     * @param results    the batch's results, in the order they were made
     * @throws SQLException when the store fails
     */
    void publish(Connection connection, List<LiveResult> results) throws SQLException {
        if (!feed.shared() || results.isEmpty()) {
            return;
        }
        for (String notice : notices(results)) {
            feed.publish(connection, TOPIC, notice);
        }
    }

    /**
     * @param results results, in the order they were made
     * @return the notices' data that carry them, in order, each at most {@link ChangeFeed#MAX_DATA_BYTES} bytes
     */
    static List<String> notices(List<LiveResult> results) {
        List<String> notices = new ArrayList<>();
        StringBuilder notice = new StringBuilder("[");
        int bytes = 2;
        for (LiveResult result : results) {
            String entry = encode(result, false);
            int size = entry.getBytes(StandardCharsets.UTF_8).length;
            if (size + 2 > ChangeFeed.MAX_DATA_BYTES) {
                entry = encode(result, true);
                size = entry.getBytes(StandardCharsets.UTF_8).length;
                if (size + 2 > ChangeFeed.MAX_DATA_BYTES) {
                    // Cannot happen with ids of at most 100 characters; the stored row stands either way.
                    log.warn("the result of '{}' is too large to announce ({} bytes)", result.targetId(), size);
                    continue;
                }
            }
            if (bytes + size + 1 > ChangeFeed.MAX_DATA_BYTES) {
                notices.add(notice.append(']').toString());
                notice.setLength(1);
                bytes = 2;
            }
            if (notice.length() > 1) {
                notice.append(',');
                bytes++;
            }
            notice.append(entry);
            bytes += size;
        }
        if (notice.length() > 1) {
            notices.add(notice.append(']').toString());
        }
        return notices;
    }

    /**
     * @param data a notice's data
     * @return its results; empty when the notice cannot be read (logged)
     */
    static List<LiveResult> decode(String data) {
        List<LiveResult> out = new ArrayList<>();
        try {
            for (JsonNode entry : JSON.readTree(data)) {
                // As the stored row's details read back: JSON numbers, strings and booleans.
                Map<String, Object> details = new LinkedHashMap<>(JSON.convertValue(entry.get(7), DETAILS));
                details.values().removeIf(v -> !(v instanceof String || v instanceof Number || v instanceof Boolean));
                HealthResult result = new HealthResult(HealthStatus.valueOf(entry.get(1).asText()),
                        entry.get(6).asText(), details, Instant.ofEpochMilli(entry.get(4).asLong()),
                        Duration.ofMillis(entry.get(5).asLong()));
                out.add(new LiveResult(entry.get(0).asText(), result, entry.get(2).asInt(), entry.get(3).asLong()));
            }
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("ignored a health status notice that cannot be read: {}", e.toString());
            return List.of();
        }
        return out;
    }

    private static String encode(LiveResult live, boolean clipped) {
        HealthResult result = live.result();
        ArrayNode entry = JSON.createArrayNode();
        entry.add(live.targetId()).add(result.status().name()).add(live.failures()).add(live.sinceMillis())
                .add(result.timestamp().toEpochMilli()).add(result.duration().toMillis());
        String message = result.message();
        entry.add(clipped && message.length() > CLIPPED_MESSAGE
                ? message.substring(0, CLIPPED_MESSAGE - 3) + "..." : message);
        if (clipped) {
            entry.addObject();
        } else {
            entry.add(JSON.valueToTree(result.details()));
        }
        return entry.toString();
    }
}
