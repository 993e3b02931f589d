package io.orbitr.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orbitr.InvalidValueException;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.EngineTls;
import io.orbitr.store.Store;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engine endpoints in the platform's {@code settings} table, one row per endpoint under
 * {@code engine.endpoint.<name>}, its value JSON: {@code host}, optionally {@code ca}, {@code cert} and {@code key}
 * (paths to PEM files), {@code requestTimeoutMs} and {@code connectTimeoutMs}. Plain SQL that every store speaks.
 */
final class EndpointStore {
    static final String PREFIX = "engine.endpoint.";
    private static final Logger log = LoggerFactory.getLogger(EndpointStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;

    EndpointStore(Store store) {
        this.store = store;
    }

    /** @return the stored endpoints; a row that does not read is logged and skipped, never fatal */
    List<EngineSettings> load() {
        return store.read(connection -> {
            List<EngineSettings> endpoints = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT setting_key, setting_value FROM settings WHERE setting_key LIKE ? ORDER BY setting_key")) {
                select.setString(1, PREFIX + "%");
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String name = rows.getString(1).substring(PREFIX.length());
                        try {
                            endpoints.add(fromJson(name, rows.getString(2)));
                        } catch (RuntimeException e) {
                            log.warn("the stored engine endpoint '{}' is skipped: {}", name, e.getMessage());
                        }
                    }
                }
            }
            return endpoints;
        });
    }

    void save(EngineSettings settings, long now) {
        String key = PREFIX + settings.name();
        String value = toJson(settings);
        store.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM settings WHERE setting_key = ?")) {
                delete.setString(1, key);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO settings (setting_key, setting_value, updated_at) VALUES (?, ?, ?)")) {
                insert.setString(1, key);
                insert.setString(2, value);
                insert.setLong(3, now);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** @return whether a row was removed */
    boolean remove(String name) {
        return store.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM settings WHERE setting_key = ?")) {
                delete.setString(1, PREFIX + name);
                return delete.executeUpdate() > 0;
            }
        });
    }

    static String toJson(EngineSettings settings) {
        ObjectNode node = JSON.createObjectNode();
        node.put("host", settings.host().toString());
        settings.tls().ifPresent(tls -> {
            node.put("ca", tls.caCertificate().toString());
            node.put("cert", tls.clientCertificate().toString());
            node.put("key", tls.clientKey().toString());
        });
        node.put("requestTimeoutMs", settings.requestTimeout().toMillis());
        node.put("connectTimeoutMs", settings.connectTimeout().toMillis());
        return node.toString();
    }

    static EngineSettings fromJson(String name, String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidValueException("engine " + name, json, "must be the JSON Orbitr stores");
        }
        URI host = URI.create(node.path("host").asText(""));
        Optional<EngineTls> tls = node.hasNonNull("ca")
                ? Optional.of(new EngineTls(Path.of(node.get("ca").asText()), Path.of(node.path("cert").asText()),
                        Path.of(node.path("key").asText())))
                : Optional.empty();
        return new EngineSettings(name, host, tls, Duration.ofMillis(node.path("requestTimeoutMs").asLong(30_000)),
                Duration.ofMillis(node.path("connectTimeoutMs").asLong(2_000)));
    }
}
