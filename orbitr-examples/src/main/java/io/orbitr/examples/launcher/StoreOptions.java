package io.orbitr.examples.launcher;

import io.orbitr.InvalidValueException;
import io.orbitr.store.PasswordSource;
import io.orbitr.store.PostgresqlSettings;
import io.orbitr.store.StoreSettings;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --store} option (a picocli mixin; {@link PlatformOptions} includes it): {@code h2}, the default, keeps
 * the data in {@code DATA_DIR/orbitr.mv.db}; {@code postgresql://[USER@]HOST[:PORT]/DATABASE} keeps it in a shared
 * PostgreSQL database. The password is never a command-line string: {@code --store-password-file FILE}, or the
 * environment variable {@code --store-password-env} names (default {@code ORBITR_STORE_PASSWORD} when it is set).
 *
 * <pre>
 * ORBITR_STORE_PASSWORD=... orbitr serve --store postgresql://orbitr@db.example:5432/orbitr
 * orbitr serve --store postgresql://orbitr@db.example/orbitr --store-password-file /run/secrets/orbitr-db
 * </pre>
 */
public final class StoreOptions {
    /** The environment variable read for the password when no other source is given. */
    public static final String PASSWORD_VARIABLE = "ORBITR_STORE_PASSWORD";

    @Option(names = "--store", paramLabel = "STORE", defaultValue = "${env:ORBITR_STORE:-h2}",
            description = "Where the data lives: h2 (DATA_DIR/orbitr.mv.db) or postgresql://[USER@]HOST[:PORT]/DB"
                    + " (default: ORBITR_STORE, else ${DEFAULT-VALUE}).")
    String store = "h2";

    @Option(names = "--store-password-file", paramLabel = "FILE",
            description = "A file whose first line is the PostgreSQL password.")
    Path passwordFile;

    @Option(names = "--store-password-env", paramLabel = "NAME",
            description = "An environment variable holding the PostgreSQL password (default: " + PASSWORD_VARIABLE
                    + " when set).")
    String passwordVariable;

    @Option(names = "--store-schema", paramLabel = "NAME",
            description = "The PostgreSQL schema to keep the tables in (created when absent; default: the role's).")
    String schema;

    @Option(names = "--store-pool", paramLabel = "N", description = "PostgreSQL connections at most (default: 10).")
    int poolSize = 10;

    /**
     * @return the store these options choose
     * @throws InvalidValueException naming the option when one is wrong
     */
    public StoreSettings settings() {
        String text = store.trim();
        if (text.equalsIgnoreCase("h2")) {
            if (passwordFile != null || passwordVariable != null || schema != null) {
                throw new InvalidValueException("--store", text, "takes no password or schema; those are for"
                        + " --store postgresql://...");
            }
            return StoreSettings.h2();
        }
        if (!text.matches("(?i)(jdbc:)?postgres(ql)?://.*")) {
            throw new InvalidValueException("--store", text.replaceAll(":[^:@/]*@", ":(hidden)@"),
                    "must be h2 or postgresql://[USER@]HOST[:PORT]/DATABASE");
        }
        if (passwordFile != null && passwordVariable != null) {
            throw new InvalidValueException("--store-password-env", passwordVariable,
                    "cannot be given together with --store-password-file; choose one");
        }
        PasswordSource password = passwordFile != null ? PasswordSource.file(passwordFile)
                : passwordVariable != null ? PasswordSource.environment(passwordVariable)
                : Optional.ofNullable(System.getenv(PASSWORD_VARIABLE)).isPresent()
                        ? PasswordSource.environment(PASSWORD_VARIABLE) : PasswordSource.none();
        PostgresqlSettings parsed = PostgresqlSettings.parse(text, password);
        PostgresqlSettings.Builder builder = PostgresqlSettings.builder(parsed.url()).user(parsed.user())
                .password(password).maxPoolSize(poolSize);
        if (schema != null) {
            builder.schema(schema);
        }
        return builder.build();
    }
}
