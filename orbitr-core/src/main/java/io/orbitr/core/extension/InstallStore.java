package io.orbitr.core.extension;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orbitr.OrbitrException;
import io.orbitr.extension.Deployment;
import io.orbitr.extension.ExtensionState;
import io.orbitr.secret.SecretBox;
import io.orbitr.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code extension_installs} and {@code extension_journal} tables. Thread-safe (each call is one transaction). */
final class InstallStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Read only: rows that an earlier build wrote before secrets were sealed. */
    private static final String PLAIN = "plain";
    /** The values map as JSON, sealed as a whole by the platform's secret box. */
    private static final String SEALED = "sealed";

    private final Store store;
    private final Clock clock;
    private final SecretBox box;

    InstallStore(Store store, Clock clock, SecretBox box) {
        this.store = store;
        this.clock = clock;
        this.box = box;
    }

    Optional<InstallRecord> find(String id) {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, state, manifest, previous_manifest, inputs,"
                    + " secrets, installed_at, updated_at, engine, deployment FROM extension_installs WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? Optional.of(row(rows)) : Optional.<InstallRecord>empty();
                }
            }
        });
    }

    List<InstallRecord> list(int limit, Optional<String> after) {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, state, manifest, previous_manifest, inputs,"
                    + " secrets, installed_at, updated_at, engine, deployment FROM extension_installs WHERE id > ?"
                    + " ORDER BY id"
                    + " FETCH FIRST " + limit + " ROWS ONLY")) {
                s.setString(1, after.orElse(""));
                List<InstallRecord> out = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        out.add(row(rows));
                    }
                }
                return out;
            }
        });
    }

    void insert(InstallRecord record) {
        store.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO extension_installs (id, state, manifest,"
                    + " previous_manifest, inputs, secrets, installed_at, updated_at, engine, deployment)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, record.id());
                s.setString(2, record.state().name());
                s.setString(3, ManifestWriter.json(record.manifest()));
                s.setString(4, record.previous().map(ManifestWriter::json).orElse(null));
                s.setString(5, json(record.inputs()));
                s.setString(6, secrets(record.secrets()));
                s.setLong(7, record.installedAt().toEpochMilli());
                s.setLong(8, record.updatedAt().toEpochMilli());
                s.setString(9, record.engine());
                s.setString(10, record.deployment().name());
                s.executeUpdate();
            }
            return null;
        });
    }

    void update(InstallRecord record) {
        store.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE extension_installs SET state = ?, manifest = ?,"
                    + " previous_manifest = ?, inputs = ?, secrets = ?, updated_at = ? WHERE id = ?")) {
                s.setString(1, record.state().name());
                s.setString(2, ManifestWriter.json(record.manifest()));
                s.setString(3, record.previous().map(ManifestWriter::json).orElse(null));
                s.setString(4, json(record.inputs()));
                s.setString(5, secrets(record.secrets()));
                s.setLong(6, record.updatedAt().toEpochMilli());
                s.setString(7, record.id());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Removes the row and its journal together. */
    void delete(String id) {
        store.inTransaction(c -> {
            execute(c, "DELETE FROM extension_journal WHERE extension_id = ?", id);
            execute(c, "DELETE FROM extension_installs WHERE id = ?", id);
            return null;
        });
    }

    void journal(String id, JournalStep step) {
        store.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO extension_journal (extension_id, kind, resource,"
                    + " created_at) VALUES (?, ?, ?, ?)")) {
                s.setString(1, id);
                s.setString(2, step.kind().name());
                s.setString(3, step.resource());
                s.setLong(4, clock.millis());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** @return the journal, last step first */
    List<JournalStep> journal(String id) {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT kind, resource FROM extension_journal"
                    + " WHERE extension_id = ? ORDER BY seq DESC")) {
                s.setString(1, id);
                List<JournalStep> out = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        out.add(new JournalStep(JournalStep.Kind.valueOf(rows.getString(1)), rows.getString(2)));
                    }
                }
                return out;
            }
        });
    }

    void clearJournal(String id) {
        store.inTransaction(c -> {
            execute(c, "DELETE FROM extension_journal WHERE extension_id = ?", id);
            return null;
        });
    }

    private static void execute(Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            s.executeUpdate();
        }
    }

    private InstallRecord row(ResultSet rows) throws SQLException {
        String previous = rows.getString(4);
        return new InstallRecord(ManifestReader.read(rows.getString(3), "stored manifest of " + rows.getString(1)),
                previous == null ? Optional.empty()
                        : Optional.of(ManifestReader.read(previous, "stored previous manifest of " + rows.getString(1))),
                ExtensionState.valueOf(rows.getString(2)), map(rows.getString(5)), readSecrets(rows.getString(6)),
                Instant.ofEpochMilli(rows.getLong(7)), Instant.ofEpochMilli(rows.getLong(8)), rows.getString(9),
                Deployment.valueOf(rows.getString(10)));
    }

    private static String json(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new OrbitrException("cannot write extension values", e);
        }
    }

    private static Map<String, String> map(String text) {
        try {
            return JSON.readValue(text, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new OrbitrException("stored extension values do not read: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Generated secrets are sealed at rest with the platform's one secret box; the scheme names how, so that a row
     * written another way is recognised rather than misread.
     */
    private String secrets(Map<String, String> values) {
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("scheme", SEALED);
        try {
            wrapped.put("values", box.seal(JSON.writeValueAsString(values)));
            return JSON.writeValueAsString(wrapped);
        } catch (JsonProcessingException e) {
            throw new OrbitrException("cannot write extension secrets", e);
        }
    }

    private Map<String, String> readSecrets(String text) {
        TypeReference<LinkedHashMap<String, String>> mapType = new TypeReference<>() { };
        try {
            JsonNode node = JSON.readTree(text);
            String scheme = node.path("scheme").asText();
            if (SEALED.equals(scheme)) {
                return JSON.readValue(box.open(node.path("values").asText()), mapType);
            }
            if (PLAIN.equals(scheme)) {
                return JSON.convertValue(node.path("values"), mapType);
            }
            throw new OrbitrException("extension secrets are kept with scheme '" + scheme + "', which this Orbitr"
                    + " cannot read; use the Orbitr version that wrote them");
        } catch (JsonProcessingException e) {
            // Never the text itself: it may hold the secrets.
            throw new OrbitrException("stored extension secrets do not read: " + e.getOriginalMessage(), e);
        }
    }

    Instant now() {
        return clock.instant();
    }
}
