package io.orbitr.core.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orbitr.DataPaths;
import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.core.store.SettingRows;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.SubdomainScheme;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The proxy settings as one JSON value under the key {@value #KEY} of the {@code settings} table. Fields missing from
 * a stored value take their defaults, so settings written by an older Orbitr still read.
 */
final class SettingsStore {
    static final String KEY = "proxy.settings";
    /** Where a settings change that moves the file is writing it, until the change commits. */
    static final String PENDING_FILE_KEY = "proxy.pending-file";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SettingsStore() {
    }

    /** @return the stored settings, or empty when none were ever saved */
    static Optional<ProxySettings> read(Connection connection) throws SQLException {
        return SettingRows.read(connection, KEY).map(SettingsStore::fromJson);
    }

    static void write(Connection connection, ProxySettings settings, long now) throws SQLException {
        SettingRows.write(connection, KEY, toJson(settings), now);
    }

    /**
     * Notes, before a settings change that moves the file, where the new file will be written: if the host dies
     * before the change commits, the next start finds the note and deletes that file, which the store never knew.
     */
    static void writePendingFile(Connection connection, Path file, long now) throws SQLException {
        // Delete, then insert: portable SQL, for a host's own database as well as H2.
        clearPendingFile(connection);
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO settings (setting_key, setting_value, updated_at) VALUES (?, ?, ?)")) {
            statement.setString(1, PENDING_FILE_KEY);
            statement.setString(2, file.toString());
            statement.setLong(3, now);
            statement.executeUpdate();
        }
    }

    /** @return the file noted by {@link #writePendingFile}, when a change that moves the file did not finish */
    static Optional<Path> readPendingFile(Connection connection) throws SQLException {
        return SettingRows.read(connection, PENDING_FILE_KEY).map(Path::of);
    }

    static void clearPendingFile(Connection connection) throws SQLException {
        SettingRows.delete(connection, PENDING_FILE_KEY);
    }

    static String toJson(ProxySettings settings) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("provider", settings.provider());
        node.put("defaultDomain", settings.defaultDomain());
        node.put("subdomainScheme", settings.subdomainScheme().id());
        node.put("outputDirectory", settings.outputDirectory().toString());
        node.put("acmeEmail", settings.acmeEmail());
        node.put("certResolver", settings.certResolver());
        node.put("httpPort", settings.httpPort());
        node.put("httpsPort", settings.httpsPort());
        node.put("adminAddress", settings.adminAddress());
        node.put("bindAddress", settings.bindAddress());
        return node.toString();
    }

    /**
     * Orbitr 0.1 let a relative output directory climb out of the data directory; such settings are refused now,
     * with what to do about it.
     */
    private static Path storedOutputDirectory(JsonNode node, ProxySettings defaults) {
        String text = node.path("outputDirectory").asText(defaults.outputDirectory().toString());
        try {
            return DataPaths.check("outputDirectory", text);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(e.field(), e.value(), e.rule() + ". These stored settings were written by"
                    + " an older Orbitr: save new ones with updateSettings(...)");
        }
    }

    static ProxySettings fromJson(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new OrbitrException("the stored proxy settings are not JSON (" + e.getOriginalMessage()
                    + "): save the settings again", e);
        }
        ProxySettings defaults = ProxySettings.defaults();
        return ProxySettings.builder()
                .provider(node.path("provider").asText(defaults.provider()))
                .defaultDomain(node.path("defaultDomain").asText(defaults.defaultDomain()))
                .subdomainScheme(SubdomainScheme.of(node.path("subdomainScheme")
                        .asText(defaults.subdomainScheme().id())))
                .outputDirectory(storedOutputDirectory(node, defaults))
                .acmeEmail(node.path("acmeEmail").asText(defaults.acmeEmail()))
                .certResolver(node.path("certResolver").asText(defaults.certResolver()))
                .httpPort(node.path("httpPort").asInt(defaults.httpPort()))
                .httpsPort(node.path("httpsPort").asInt(defaults.httpsPort()))
                .adminAddress(node.path("adminAddress").asText(defaults.adminAddress()))
                .bindAddress(node.path("bindAddress").asText(defaults.bindAddress()))
                .build();
    }
}
