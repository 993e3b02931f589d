package io.orbitr.core.store;

import io.orbitr.OrbitrException;
import io.orbitr.store.Migration;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies versioned migrations per schema component and records each component's version in
 * {@code orbitr_schema_version}. A second start is a no-op; a database whose recorded version is newer than the
 * migrations this Orbitr knows refuses to open; each step runs in one transaction together with its version bump,
 * so a failed step leaves the component at the previous version.
 */
public final class SchemaMigrator {
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    static final String VERSION_TABLE = "orbitr_schema_version";

    private final JdbcStore store;
    private final Clock clock;

    /**
     * @param store the store to migrate
     * @param clock stamps each applied step
     */
    public SchemaMigrator(JdbcStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Brings every component to its newest version. All components are checked for a newer recorded version
     * before any step runs.
     *
     * @param components migrations by component name, each list in any order; the platform's own component
     *                   ({@link CoreSchema#COMPONENT}) runs first, since every module may build on its tables, then
     *                   the others in the map's order
     * @throws OrbitrException when a component was written by a newer Orbitr, when versions have gaps, or when a
     *     step fails
     */
    public void migrate(Map<String, List<Migration>> given) {
        Map<String, List<Migration>> components = new java.util.LinkedHashMap<>();
        if (given.containsKey(CoreSchema.COMPONENT)) {
            components.put(CoreSchema.COMPONENT, given.get(CoreSchema.COMPONENT));
        }
        components.putAll(given);
        store.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                lock(connection, statement);
                statement.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " (component VARCHAR(64) PRIMARY KEY,"
                        + " version INT NOT NULL, description VARCHAR(500) NOT NULL, applied_at BIGINT NOT NULL)");
            }
            return null;
        });
        components.forEach((component, migrations) -> {
            int newest = checkSequence(component, migrations);
            int recorded = store.schemaVersion(component);
            if (recorded > newest) {
                throw new OrbitrException("the database (" + store.description() + ") was written by a newer Orbitr:"
                        + " schema '" + component + "' is at version " + recorded + ", this Orbitr knows up to "
                        + newest + ". Upgrade Orbitr, or point it at another data directory.");
            }
        });
        components.forEach((component, migrations) -> migrations.stream()
                .sorted((a, b) -> Integer.compare(a.version(), b.version()))
                .filter(m -> m.version() > store.schemaVersion(component))
                .forEach(m -> apply(component, m)));
    }

    private void apply(String component, Migration migration) {
        int before = migration.version() - 1;
        try {
            store.inTransaction(connection -> {
                SqlDialect dialect = SqlDialect.of(connection);
                try (Statement statement = connection.createStatement()) {
                    lock(connection, statement);
                    if (recordedVersion(connection, component) >= migration.version()) {
                        return null; // another server sharing the database applied it meanwhile
                    }
                    for (String sql : migration.statements()) {
                        statement.execute(dialect.migration(sql));
                    }
                }
                record(connection, component, migration);
                return null;
            });
            log.info("applied schema '{}' version {}: {}", component, migration.version(), migration.description());
        } catch (OrbitrException e) {
            throw new OrbitrException("schema '" + component + "' migration to version " + migration.version() + " ("
                    + migration.description() + ") failed: " + rootMessage(e) + ". The schema stays at version "
                    + before + "; fix the cause and start again.", e);
        }
    }

    /** Servers starting together on one shared database migrate one after the other. */
    private static void lock(Connection connection, Statement statement) throws SQLException {
        java.util.Optional<String> lock = SqlDialect.of(connection).migrationLock();
        if (lock.isPresent()) {
            statement.execute(lock.get());
        }
    }

    private void record(Connection connection, String component, Migration migration) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SqlDialect.of(connection).upsert(VERSION_TABLE,
                List.of("component"), List.of("component", "version", "description", "applied_at")))) {
            statement.setString(1, component);
            statement.setInt(2, migration.version());
            statement.setString(3, migration.description());
            statement.setLong(4, clock.millis());
            statement.executeUpdate();
        }
    }

    private static int checkSequence(String component, List<Migration> migrations) {
        int[] versions = migrations.stream().mapToInt(Migration::version).sorted().toArray();
        for (int i = 0; i < versions.length; i++) {
            if (versions[i] != i + 1) {
                throw new OrbitrException("schema '" + component + "' migrations must be numbered 1, 2, 3... without"
                        + " gaps or repeats, found " + java.util.Arrays.toString(versions));
            }
        }
        return versions.length;
    }

    /**
     * @param connection a connection
     * @param component  a component name
     * @return the recorded version, 0 when none or when the version table does not exist yet
     * @throws SQLException when the query fails
     */
    static int recordedVersion(Connection connection, String component) throws SQLException {
        if (!versionTableExists(connection)) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT version FROM " + VERSION_TABLE + " WHERE component = ?")) {
            statement.setString(1, component);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    private static boolean versionTableExists(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        // Only the connection's own schema: several stores may share one PostgreSQL database, one schema each.
        String schema = connection.getSchema();
        for (String name : new String[] {VERSION_TABLE, VERSION_TABLE.toUpperCase(java.util.Locale.ROOT)}) {
            try (ResultSet tables = meta.getTables(null, schema, name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
