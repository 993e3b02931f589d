package io.orbitr.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.orbitr.InvalidValueException;
import io.orbitr.UnavailableException;
import io.orbitr.store.PasswordSource;
import io.orbitr.store.PostgresqlSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens a PostgreSQL store: a HikariCP pool over the PostgreSQL JDBC driver. The pool checks the database at
 * opening, so a wrong URL, role or password fails at start with the database's own message, not at the first
 * request.
 */
public final class PostgresqlStores {
    private static final long CONNECTION_TIMEOUT_MS = 10_000;

    private PostgresqlStores() {
    }

    /**
     * @param settings where the database is and how to log in
     * @return the store; closing it closes the pool
     * @throws UnavailableException when the database does not answer or refuses the login
     * @throws InvalidValueException when the password's file or variable cannot be read
     */
    public static JdbcStore open(PostgresqlSettings settings) {
        return open(settings, System::getenv);
    }

    /**
     * @param settings    where the database is and how to log in
     * @param environment reads environment variables (tests inject their own)
     * @return the store
     */
    static JdbcStore open(PostgresqlSettings settings, Function<String, String> environment) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("orbitr-store");
        config.setJdbcUrl(settings.url());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        password(settings.password(), environment).ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        settings.schema().ifPresent(config::setSchema);
        String description = settings.url() + (settings.user().isEmpty() ? "" : " as " + settings.user())
                + settings.schema().map(s -> " (schema " + s + ")").orElse("");
        HikariDataSource pool;
        try {
            createSchema(settings, config);
            pool = new HikariDataSource(config);
        } catch (RuntimeException | SQLException e) {
            throw new UnavailableException("cannot open the PostgreSQL store " + description + ": " + rootMessage(e)
                    + ". Check that PostgreSQL runs, and the URL, role and password (" + settings.password() + ").", e);
        }
        return new JdbcStore(pool, description, pool::close);
    }

    /** The pool sets the schema on every connection; it has to exist before the first one is handed out. */
    private static void createSchema(PostgresqlSettings settings, HikariConfig config) throws SQLException {
        if (settings.schema().isEmpty()) {
            return;
        }
        HikariConfig once = new HikariConfig();
        config.copyStateTo(once);
        once.setSchema(null);
        once.setMaximumPoolSize(1);
        once.setMinimumIdle(0);
        once.setPoolName("orbitr-store-schema");
        try (HikariDataSource single = new HikariDataSource(once);
                Connection connection = single.getConnection();
                Statement statement = connection.createStatement()) {
            // The name is checked against a strict identifier pattern by PostgresqlSettings.
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + settings.schema().get());
        }
    }

    /**
     * Reads a password where the settings say it is, as the store does when it opens (backups hand it to
     * {@code pg_dump} and {@code pg_restore}).
     *
     * @param source where the password is
     * @return the password; empty for {@link PasswordSource#none()}
     * @throws InvalidValueException when the file or variable cannot be read
     */
    public static Optional<String> password(PasswordSource source) {
        return password(source, System::getenv);
    }

    private static Optional<String> password(PasswordSource source, Function<String, String> environment) {
        return switch (source.kind()) {
            case NONE -> Optional.empty();
            case ENVIRONMENT -> {
                String value = environment.apply(source.reference());
                if (value == null || value.isEmpty()) {
                    throw new InvalidValueException("password environment variable", source.reference(),
                            "is not set; set it to the store's password, or give the password in a file");
                }
                yield Optional.of(value);
            }
            case FILE -> {
                Path file = Path.of(source.reference());
                try {
                    String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
                    if (first.isEmpty()) {
                        throw new InvalidValueException("password file", file, "is empty; its first line must be the"
                                + " store's password");
                    }
                    yield Optional.of(first);
                } catch (IOException e) {
                    throw new InvalidValueException("password file", file, "cannot be read: " + e);
                }
            }
        };
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
