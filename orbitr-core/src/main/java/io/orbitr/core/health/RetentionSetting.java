package io.orbitr.core.health;

import io.orbitr.InvalidValueException;
import io.orbitr.health.CheckSpec;
import io.orbitr.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;

/** The {@value PlatformHealthMonitor#RETENTION_SETTING} row of the {@code settings} table, read at start. */
final class RetentionSetting {

    private RetentionSetting() {
    }

    /**
     * @param store the platform's store
     * @return the setting's value, empty when it is not set
     * @throws InvalidValueException when it is not a duration of at least 1 hour
     */
    static Optional<Duration> read(Store store) {
        Optional<String> text = store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT setting_value FROM settings WHERE setting_key = ?")) {
                query.setString(1, PlatformHealthMonitor.RETENTION_SETTING);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
        return text.map(value -> {
            Duration parsed = CheckSpec.parseDuration(PlatformHealthMonitor.RETENTION_SETTING, value);
            if (parsed.compareTo(Duration.ofHours(1)) < 0) {
                throw new InvalidValueException(PlatformHealthMonitor.RETENTION_SETTING, value,
                        "must be at least 1 hour");
            }
            return parsed;
        });
    }
}
