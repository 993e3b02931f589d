package io.orbitr.jdclient.config;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.jdclient.store.Sql;
import io.orbitr.secret.SecretBox;
import io.orbitr.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved jd-client configurations: rows of the store's {@code saved_configs} table of kind {@code jdclient},
 * holding the rendered TOML with the {@code authority_secret_key} sealed by the platform's {@link SecretBox}
 * ({@code authority_secret_key = "enc:v1:..."}); the rest stays readable. Configurations are validated before they
 * are stored, so a saved configuration is always one jd-client accepts. A configuration is referred to by its name
 * or its id. Rows that Orbitr 0.1 wrote with the key in clear are still read, and {@link #sealClearRows()} (run when
 * the jd-client feature starts) seals them. Thread-safe.
 */
public final class SavedConfigs {
    /** The {@code kind} of this module's rows in the shared tables. */
    public static final String KIND = "jdclient";
    private static final Logger log = LoggerFactory.getLogger(SavedConfigs.class);
    private static final int MAX_NAME = 100;
    private static final int MAX_DESCRIPTION = 2000;
    private static final String COLUMNS = "id, name, description, content, active, created_at, updated_at";

    private final Store store;
    private final Clock clock;
    private final SecretBox secrets;

    /**
     * @param store   the platform's store (migrated with the core schema)
     * @param clock   stamps creation and changes
     * @param secrets the platform's secret box ({@code context.require(SecretBox.class)}), which seals the
     *                authority secret keys
     */
    public SavedConfigs(Store store, Clock clock, SecretBox secrets) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /**
     * Saves a new configuration.
     *
     * @param name        a unique name: 1 to 100 characters, no control characters
     * @param description what it is for, may be empty
     * @param config      the configuration
     * @return what was saved
     * @throws InvalidConfigException listing every problem when jd-client would refuse the configuration
     * @throws ConflictException      when the name is taken
     */
    public SavedConfig create(String name, String description, JdcConfig config) {
        String checkedName = checkName(name);
        String checkedDescription = checkDescription(description);
        warn(checkedName, config.validate().orThrow());
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        store.inTransaction(connection -> {
            refuseTakenName(connection, checkedName, "");
            return Sql.update(connection, "INSERT INTO saved_configs (id, kind, name, description, content, active,"
                    + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, FALSE, ?, ?)", id, KIND, checkedName,
                    checkedDescription, stored(config), now, now);
        });
        log.info("saved jd-client configuration '{}' ({})", checkedName, id);
        return get(id);
    }

    /**
     * Reads a TOML file and saves it as a new configuration.
     *
     * @param name        a unique name
     * @param description what it is for
     * @param file        a jd-client TOML file of the current schema
     * @return what was saved
     * @throws InvalidConfigException listing every problem, or the keys to change in a file of an older schema
     */
    public SavedConfig importFile(String name, String description, Path file) {
        return create(name, description, TomlImporter.read(file).orThrow());
    }

    /**
     * @param nameOrId a configuration's name or id
     * @return the configuration
     * @throws NotFoundException when there is none
     */
    public SavedConfig get(String nameOrId) {
        return find(nameOrId).orElseThrow(() -> new NotFoundException("jd-client configuration", nameOrId));
    }

    /**
     * @param nameOrId a configuration's name or id
     * @return the configuration, or empty when there is none
     */
    public Optional<SavedConfig> find(String nameOrId) {
        Objects.requireNonNull(nameOrId, "nameOrId");
        return store.read(connection -> Sql.first(connection, "SELECT " + COLUMNS + " FROM saved_configs"
                + " WHERE kind = ? AND (id = ? OR name = ?) ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END",
                this::row, KIND, nameOrId, nameOrId, nameOrId));
    }

    /** @return every saved configuration, by name */
    public List<SavedConfig> list() {
        return store.read(connection -> Sql.list(connection, "SELECT " + COLUMNS + " FROM saved_configs"
                + " WHERE kind = ? ORDER BY name", this::row, KIND));
    }

    /**
     * Replaces a configuration's description and content. Running instances keep the file they started with until
     * they are restarted.
     *
     * @param nameOrId    a configuration's name or id
     * @param description the new description
     * @param config      the new configuration
     * @return what was saved
     * @throws InvalidConfigException listing every problem when jd-client would refuse the configuration
     */
    public SavedConfig update(String nameOrId, String description, JdcConfig config) {
        String checkedDescription = checkDescription(description);
        ValidationResult validation = config.validate().orThrow();
        SavedConfig current = get(nameOrId);
        warn(current.name(), validation);
        store.inTransaction(connection -> Sql.update(connection, "UPDATE saved_configs SET description = ?,"
                + " content = ?, updated_at = ? WHERE id = ?", checkedDescription, stored(config),
                clock.millis(), current.id()));
        return get(current.id());
    }

    /**
     * @param nameOrId a configuration's name or id
     * @param newName  its new unique name
     * @return what was saved
     * @throws ConflictException when the new name is taken
     */
    public SavedConfig rename(String nameOrId, String newName) {
        String checkedName = checkName(newName);
        SavedConfig current = get(nameOrId);
        store.inTransaction(connection -> {
            refuseTakenName(connection, checkedName, current.id());
            return Sql.update(connection, "UPDATE saved_configs SET name = ?, updated_at = ? WHERE id = ?",
                    checkedName, clock.millis(), current.id());
        });
        return get(current.id());
    }

    /**
     * Deletes a configuration.
     *
     * @param nameOrId a configuration's name or id
     * @throws NotFoundException when there is none
     * @throws ConflictException naming the instances that still use it
     */
    public void delete(String nameOrId) {
        SavedConfig current = get(nameOrId);
        store.inTransaction(connection -> {
            // Lock the configuration first, so an instance being created from it waits for this transaction.
            Sql.first(connection, "SELECT id FROM saved_configs WHERE id = ? FOR UPDATE", r -> r.getString(1),
                    current.id());
            List<String> users = Sql.list(connection, "SELECT name FROM instances WHERE kind = ? AND config_id = ?"
                    + " ORDER BY name", r -> r.getString(1), KIND, current.id());
            if (!users.isEmpty()) {
                throw new ConflictException("jd-client configuration '" + current.name() + "' is used by instance"
                        + (users.size() == 1 ? " " : "s ") + String.join(", ", users)
                        + ": delete those instances first");
            }
            return Sql.update(connection, "DELETE FROM saved_configs WHERE id = ?", current.id());
        });
        log.info("deleted jd-client configuration '{}' ({})", current.name(), current.id());
    }

    /**
     * Makes a configuration the active one (and no other).
     *
     * @param nameOrId a configuration's name or id
     * @return the configuration, now active
     */
    public SavedConfig setActive(String nameOrId) {
        SavedConfig current = get(nameOrId);
        store.inTransaction(connection -> Sql.update(connection, "UPDATE saved_configs SET active = (id = ?)"
                + " WHERE kind = ?", current.id(), KIND));
        return get(current.id());
    }

    /** @return the active configuration, or empty when none was made active */
    public Optional<SavedConfig> active() {
        return store.read(connection -> Sql.first(connection, "SELECT " + COLUMNS + " FROM saved_configs"
                + " WHERE kind = ? AND active = TRUE", this::row, KIND));
    }

    /** Logs what jd-client accepts but should not run with (test keys), each time a configuration is saved. */
    private static void warn(String name, ValidationResult validation) {
        validation.warnings().forEach(w -> log.warn("jd-client configuration '{}': {}", name, w));
    }

    private static void refuseTakenName(Connection connection, String name, String ownId) throws SQLException {
        Optional<String> holder = Sql.first(connection, "SELECT id FROM saved_configs WHERE kind = ? AND name = ?",
                r -> r.getString(1), KIND, name);
        if (holder.isPresent() && !holder.get().equals(ownId)) {
            throw new ConflictException("a jd-client configuration named '" + name + "' already exists");
        }
    }

    /**
     * Seals the authority secret keys that Orbitr 0.1 stored in clear. Idempotent: a sealed key is recognised by its
     * prefix and left alone. A row that cannot be read back is left as it is and logged (by name only).
     *
     * @return how many configurations were sealed
     */
    public int sealClearRows() {
        int sealed = store.inTransaction(connection -> {
            List<String[]> rows = Sql.list(connection, "SELECT id, name, content FROM saved_configs WHERE kind = ?"
                    + " FOR UPDATE", r -> new String[] {r.getString(1), r.getString(2), r.getString(3)}, KIND);
            int count = 0;
            for (String[] row : rows) {
                Optional<JdcConfig> config = TomlImporter.readStored(row[2]);
                if (config.isEmpty()) {
                    log.warn("saved jd-client configuration '{}' cannot be read back from the store, so its secret"
                            + " key cannot be sealed; save it again", row[1]);
                } else if (!SecretBox.isSealed(config.get().authoritySecretKey())) {
                    count += Sql.update(connection, "UPDATE saved_configs SET content = ? WHERE id = ?",
                            stored(config.get()), row[0]);
                }
            }
            return count;
        });
        if (sealed > 0) {
            log.info("sealed the authority secret keys of {} saved jd-client configuration(s) that an older Orbitr"
                    + " stored in clear", sealed);
        }
        return sealed;
    }

    /** The TOML as stored: the secret key sealed, the rest as jd-client reads it. */
    private String stored(JdcConfig config) {
        return TomlRenderer.render(config.toBuilder().authorityKeys(config.authorityPublicKey(),
                secrets.seal(config.authoritySecretKey())).build());
    }

    private SavedConfig row(ResultSet rows) throws SQLException {
        String name = rows.getString("name");
        JdcConfig stored = TomlImporter.readStored(rows.getString("content")).orElseThrow(() ->
                new OrbitrException("saved jd-client configuration '" + name + "' cannot be read back from the store;"
                        + " save it again"));
        JdcConfig config;
        try {
            // A clear key (a row of Orbitr 0.1 not yet sealed) is taken as it is.
            config = stored.toBuilder().authorityKeys(stored.authorityPublicKey(),
                    secrets.openOrClear(stored.authoritySecretKey())).build();
        } catch (OrbitrException e) {
            throw new OrbitrException("the authority secret key of saved jd-client configuration '" + name
                    + "' cannot be opened: " + e.getMessage(), e);
        }
        return new SavedConfig(rows.getString("id"), name, rows.getString("description"), config,
                rows.getBoolean("active"), Instant.ofEpochMilli(rows.getLong("created_at")),
                Instant.ofEpochMilli(rows.getLong("updated_at")));
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("name", name, "must be 1 to " + MAX_NAME
                    + " characters without control characters");
        }
        return trimmed;
    }

    private static String checkDescription(String description) {
        Objects.requireNonNull(description, "description");
        if (description.length() > MAX_DESCRIPTION) {
            throw new InvalidValueException("description", description, "must be at most " + MAX_DESCRIPTION
                    + " characters");
        }
        return description;
    }
}
