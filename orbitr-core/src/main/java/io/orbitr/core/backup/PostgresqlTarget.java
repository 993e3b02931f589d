package io.orbitr.core.backup;

import io.orbitr.ConflictException;
import io.orbitr.UnavailableException;
import io.orbitr.core.store.PostgresqlStores;
import io.orbitr.store.PostgresqlSettings;
import io.orbitr.store.Store;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The PostgreSQL schema a restore writes into, checked before anything is unpacked: it must be the schema the
 * archive was taken from (a dump's tables carry their schema's name), not the running platform's own, free of
 * servers (no unlapsed lease in its {@code orbitr_leases}: every running server holds some) and empty, the last two
 * unless forced.
 */
final class PostgresqlTarget {
    private static final int NAMES_SHOWN = 5;

    private PostgresqlTarget() {
    }

    /**
     * @param settings      the target store
     * @param archiveSchema the schema the archive's dump holds
     * @param force         whether to restore over tables and leases
     * @param clock         judges whether a lease has lapsed
     * @param runningStore  the store of the platform doing the restore, never a target
     * @return how the tools reach the target
     * @throws ConflictException when the schema is not one to restore into
     * @throws UnavailableException when the database does not answer
     */
    static PostgresqlLogin check(PostgresqlSettings settings, String archiveSchema, boolean force, Clock clock,
            Optional<Store> runningStore) {
        Optional<String> password = PostgresqlStores.password(settings.password());
        try (Connection connection = connect(settings, password)) {
            String schema = settings.schema().isPresent() ? settings.schema().get() : currentSchema(connection);
            if (!schema.equals(archiveSchema)) {
                throw new ConflictException("the archive holds the PostgreSQL schema " + archiveSchema + " but the"
                        + " target store uses schema " + schema + ": a dump's tables carry their schema's name;"
                        + " restore into schema " + archiveSchema + " (--store-schema " + archiveSchema + "), then"
                        + " point the servers at it or rename it (ALTER SCHEMA " + archiveSchema + " RENAME TO ...)");
            }
            PostgresqlLogin login = PostgresqlLogin.of(settings, password, schema);
            checkNotRunningOn(login, runningStore);
            List<String> relations = relations(connection, schema);
            if (!force && relations.contains("orbitr_leases")) {
                List<String> leases = liveLeases(connection, schema, clock.instant());
                if (!leases.isEmpty()) {
                    throw new ConflictException("servers still use " + login.where() + ": they hold unlapsed leases "
                            + leases + "; stop every Orbitr server on this store first (the lease of a server that"
                            + " died lapses at the time shown), or restore with force");
                }
            }
            if (!force && !relations.isEmpty()) {
                List<String> tables = tables(connection, schema);
                String held = tables.isEmpty() ? relations.size() + " relations (" + shown(relations) + ")"
                        : tables.size() + " tables (" + shown(tables) + ")";
                throw new ConflictException(login.where() + " already holds " + held + "; restore into an empty or"
                        + " absent schema, or restore with force (the archive's tables replace those of the same"
                        + " names, in one transaction)");
            }
            return login;
        } catch (SQLException e) {
            throw new UnavailableException("cannot check the PostgreSQL store " + settings + " to restore into: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Creates the schema when it is absent: the restore leaves the dump's own schema entry out, so that an existing
     * schema keeps its owner and grants. An empty schema is all this writes outside the restore's transaction, and
     * {@link #dropCreated} takes it back when the restore fails.
     *
     * @return whether the schema was created
     */
    static boolean createSchema(PostgresqlSettings settings, PostgresqlLogin login) {
        try (Connection connection = connect(settings, login.password());
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?");
                Statement statement = connection.createStatement()) {
            exists.setString(1, login.schema());
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return false;
                }
            }
            // The name matched PostgresqlLogin.PLAIN_SCHEMA: it needs no quoting.
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + login.schema());
            return true;
        } catch (SQLException e) {
            throw new UnavailableException("cannot create " + login.where() + " to restore into: " + e.getMessage(),
                    e);
        }
    }

    /** Drops the schema {@link #createSchema} created for a restore that failed, when it is still empty. */
    static void dropCreated(PostgresqlSettings settings, PostgresqlLogin login, Exception failure) {
        try (Connection connection = connect(settings, login.password());
                Statement statement = connection.createStatement()) {
            // Without CASCADE: a schema that holds anything stays.
            statement.execute("DROP SCHEMA IF EXISTS " + login.schema());
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void checkNotRunningOn(PostgresqlLogin target, Optional<Store> runningStore) {
        if (runningStore.isEmpty()) {
            return;
        }
        Store store = runningStore.get();
        boolean postgresql = store.read(connection -> connection.getMetaData().getURL()).startsWith("jdbc:postgresql:");
        if (postgresql && PostgresqlLogin.of(store, Optional.empty()).sameSchemaAs(target)) {
            throw new ConflictException("cannot restore into " + target.where() + ": this platform runs on it; stop"
                    + " every server on it and restore from the command line (orbitr backup restore --store ...)");
        }
    }

    private static Connection connect(PostgresqlSettings settings, Optional<String> password) throws SQLException {
        Properties properties = new Properties();
        if (!settings.user().isEmpty()) {
            properties.setProperty("user", settings.user());
        }
        password.ifPresent(value -> properties.setProperty("password", value));
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "orbitr-restore");
        return DriverManager.getConnection(settings.url(), properties);
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_schema()")) {
            if (!row.next() || row.getString(1) == null) {
                throw new ConflictException("the target store names no schema and its role's search path finds none;"
                        + " name the schema to restore into (--store-schema)");
            }
            return row.getString(1);
        }
    }

    /** @return the schema's tables, views, sequences and foreign tables, by name */
    private static List<String> relations(Connection connection, String schema) throws SQLException {
        return names(connection, schema, "'r', 'p', 'v', 'm', 'S', 'f'");
    }

    /** @return the schema's tables, by name */
    private static List<String> tables(Connection connection, String schema) throws SQLException {
        return names(connection, schema, "'r', 'p'");
    }

    private static List<String> names(Connection connection, String schema, String kinds) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT c.relname FROM pg_class c JOIN"
                + " pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN (" + kinds + ")"
                + " ORDER BY c.relname")) {
            select.setString(1, schema);
            List<String> names = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }

    private static List<String> liveLeases(Connection connection, String schema, Instant now) throws SQLException {
        // The schema matched PostgresqlLogin.PLAIN_SCHEMA: it needs no quoting.
        try (PreparedStatement select = connection.prepareStatement("SELECT holder, name, expires_at FROM " + schema
                + ".orbitr_leases WHERE expires_at > ? ORDER BY expires_at DESC")) {
            select.setLong(1, now.toEpochMilli());
            List<String> leases = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next() && leases.size() < NAMES_SHOWN) {
                    leases.add(rows.getString(2) + " held by " + rows.getString(1) + " until "
                            + Instant.ofEpochMilli(rows.getLong(3)));
                }
            }
            return leases;
        }
    }

    private static String shown(List<String> names) {
        return names.size() <= NAMES_SHOWN ? String.join(", ", names)
                : String.join(", ", names.subList(0, NAMES_SHOWN)) + ", ...";
    }
}
