package io.orbitr.testing;

import io.orbitr.store.PostgresqlSettings;
import io.orbitr.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * One store for one run of a store-backed test: a private in-memory H2 database, or a fresh schema of the test
 * PostgreSQL database, created at the first {@link #settings()} and dropped at {@link #close()}. JUnit closes it
 * after the test (or the class) it was given to, see {@link TestStores}.
 *
 * <p>The PostgreSQL database is found through {@code ORBITR_TEST_POSTGRESQL_URL} (default
 * {@code jdbc:postgresql://localhost:5432/orbitr_test}), {@code ORBITR_TEST_POSTGRESQL_USER} and
 * {@code ORBITR_TEST_POSTGRESQL_PASSWORD} (default {@code orbitr_test} both; {@code scripts/start-postgresql}
 * creates them). When it does not answer the test is skipped, or fails under {@code CI=true}.
 */
public final class TestStore implements AutoCloseable {
    /** The store kinds a store-backed test runs on. */
    public enum Kind {
        /** The embedded default. */
        H2,
        /** The shared store. */
        POSTGRESQL
    }

    private static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/orbitr_test";
    private static final String DEFAULT_CREDENTIAL = "orbitr_test";

    private final Kind kind;
    private Optional<String> schema = Optional.empty();
    private Optional<Path> passwordFile = Optional.empty();
    private Optional<Path> dataDirectory = Optional.empty();

    /** @param kind which database */
    public TestStore(Kind kind) {
        this.kind = kind;
    }

    /** @return which database */
    public Kind kind() {
        return kind;
    }

    /** @return whether this is the PostgreSQL store */
    public boolean isPostgresql() {
        return kind == Kind.POSTGRESQL;
    }

    /**
     * @return the settings that open this store ({@code Orbitr.builder().store(...)} or core's
     *     {@code Stores.open(...)}); for PostgreSQL, a schema of its own, created now
     */
    public synchronized StoreSettings settings() {
        if (kind == Kind.H2) {
            return StoreSettings.h2InMemory();
        }
        if (schema.isEmpty()) {
            String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            execute("CREATE SCHEMA " + name);
            schema = Optional.of(name);
        }
        return PostgresqlSettings.builder(url()).user(user()).password(io.orbitr.store.PasswordSource.file(
                passwordFile())).maxPoolSize(4).schema(schema.get()).build();
    }

    /**
     * @return like {@link #settings()}, but for H2 the file under the data directory, so that the data outlives a
     *     close and a reopen (the PostgreSQL schema lives until {@link #close()} anyway)
     */
    public StoreSettings durableSettings() {
        return kind == Kind.H2 ? StoreSettings.h2() : settings();
    }

    /**
     * @return a private temporary data directory for a platform on this store (its secret key file, proxy files),
     *     deleted at {@link #close()}; for tests that had none because their H2 store lived in memory
     */
    public synchronized Path dataDirectory() {
        if (dataDirectory.isEmpty()) {
            try {
                dataDirectory = Optional.of(Files.createTempDirectory("orbitr-test-data"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dataDirectory.get();
    }

    /**
     * Runs one statement as the test role, in the test database, outside any schema of a store (for tests that
     * look at the database from the side, such as another server would).
     *
     * @param sql the statement
     */
    public void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the test PostgreSQL database failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        schema.ifPresent(name -> execute("DROP SCHEMA IF EXISTS " + name + " CASCADE"));
        schema = Optional.empty();
        passwordFile.ifPresent(file -> file.toFile().delete());
        passwordFile = Optional.empty();
        dataDirectory.ifPresent(TestFiles::deleteTree);
        dataDirectory = Optional.empty();
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    private Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection(url(), user(), password());
        } catch (SQLException e) {
            Preconditions.require(false, "PostgreSQL answers at " + url() + " as " + user() + " (" + e.getMessage()
                    + "; run scripts/start-postgresql as root, or set ORBITR_TEST_POSTGRESQL_URL/_USER/_PASSWORD)");
            throw e;
        }
    }

    private Path passwordFile() {
        if (passwordFile.isEmpty()) {
            try {
                Path file = Files.createTempFile("orbitr-test-pg", ".password",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, password() + "\n");
                passwordFile = Optional.of(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return passwordFile.get();
    }

    private static String url() {
        return env("ORBITR_TEST_POSTGRESQL_URL", DEFAULT_URL);
    }

    private static String user() {
        return env("ORBITR_TEST_POSTGRESQL_USER", DEFAULT_CREDENTIAL);
    }

    private static String password() {
        return env("ORBITR_TEST_POSTGRESQL_PASSWORD", DEFAULT_CREDENTIAL);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
