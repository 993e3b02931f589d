package io.orbitr.core.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orbitr.OrbitrException;
import io.orbitr.backup.BackupSettings;
import io.orbitr.core.store.SettingRows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The backup settings as one JSON value under the key {@value #KEY} of the core {@code settings} table, for example
 * {@code {"schedule":"PT24H","keep":7,"directory":"backups","volumes":false,"helperImage":"busybox"}}. Fields missing
 * from a stored value take their defaults.
 */
final class BackupSettingsStore {
    static final String KEY = "backup.settings";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BackupSettingsStore() {
    }

    static Optional<BackupSettings> read(Connection connection) throws SQLException {
        return SettingRows.read(connection, KEY).map(BackupSettingsStore::fromJson);
    }

    static void write(Connection connection, BackupSettings settings, long now) throws SQLException {
        SettingRows.write(connection, KEY, toJson(settings), now);
    }

    static String toJson(BackupSettings settings) {
        ObjectNode node = MAPPER.createObjectNode();
        settings.schedule().ifPresentOrElse(every -> node.put("schedule", every.toString()),
                () -> node.putNull("schedule"));
        node.put("keep", settings.keep());
        node.put("directory", settings.directory().toString());
        node.put("volumes", settings.volumes());
        node.put("helperImage", settings.helperImage());
        return node.toString();
    }

    static BackupSettings fromJson(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new OrbitrException("the stored backup settings are not JSON (" + e.getOriginalMessage()
                    + "): save the settings again", e);
        }
        BackupSettings defaults = BackupSettings.defaults();
        BackupSettings.Builder builder = defaults.toBuilder()
                .keep(node.path("keep").asInt(defaults.keep()))
                .directory(Path.of(node.path("directory").asText(defaults.directory().toString())))
                .volumes(node.path("volumes").asBoolean(defaults.volumes()))
                .helperImage(node.path("helperImage").asText(defaults.helperImage()));
        JsonNode schedule = node.path("schedule");
        if (schedule.isTextual()) {
            try {
                builder.schedule(Duration.parse(schedule.asText()));
            } catch (DateTimeParseException e) {
                throw new OrbitrException("the stored backup schedule '" + schedule.asText() + "' is not an ISO-8601"
                        + " duration such as PT24H: save the settings again", e);
            }
        }
        return builder.build();
    }
}
