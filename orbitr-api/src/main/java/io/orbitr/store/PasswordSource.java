package io.orbitr.store;

import io.orbitr.InvalidValueException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a database password is read from when the store opens: a file (its first line), an environment variable, or
 * nowhere (the server trusts the connection, or the JDBC URL's {@code sslcert}/{@code .pgpass} do). Never a
 * command-line string, which other users of the machine can read in the process list. {@link #toString()} shows
 * where, never the password.
 *
 * @param kind      where
 * @param reference the file's path or the variable's name; empty for {@link Kind#NONE}
 */
public record PasswordSource(Kind kind, String reference) {

    /** Where a password comes from. */
    public enum Kind {
        /** No password. */
        NONE,
        /** The first line of a file. */
        FILE,
        /** An environment variable. */
        ENVIRONMENT
    }

    /** Validates the reference. */
    public PasswordSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reference, "reference");
        if (kind == Kind.NONE && !reference.isEmpty()) {
            throw new InvalidValueException("password reference", reference, "must be empty when there is no password");
        }
        if (kind != Kind.NONE && reference.isBlank()) {
            throw new InvalidValueException("password " + kind.name().toLowerCase(java.util.Locale.ROOT), "''",
                    "must name a file or an environment variable");
        }
        if (kind == Kind.ENVIRONMENT && !reference.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidValueException("password environment variable", reference,
                    "must be a variable name (letters, digits, underscores)");
        }
    }

    /** @return no password */
    public static PasswordSource none() {
        return new PasswordSource(Kind.NONE, "");
    }

    /**
     * @param file a file whose first line is the password (keep it mode 600)
     * @return that source
     */
    public static PasswordSource file(Path file) {
        return new PasswordSource(Kind.FILE, file.toString());
    }

    /**
     * @param variable an environment variable holding the password
     * @return that source
     */
    public static PasswordSource environment(String variable) {
        return new PasswordSource(Kind.ENVIRONMENT, variable);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "no password";
            case FILE -> "password from file " + reference;
            case ENVIRONMENT -> "password from $" + reference;
        };
    }
}
