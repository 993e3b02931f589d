package io.orbitr.store;

import io.orbitr.InvalidValueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A PostgreSQL database as the store, shared by every Orbitr server pointed at it. Orbitr pools its connections
 * (HikariCP) and creates its tables with the same migrations as on H2.
 *
 * @param url         the JDBC URL, {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?PARAMS]}, without a password
 * @param user        the role to log in as; empty for the driver's default (the operating-system user)
 * @param password    where the password is read from when the store opens
 * @param maxPoolSize how many connections the pool holds at most, 1 to 200 (default 10)
 * @param schema      the schema to keep the tables in, created when absent; empty for the role's default
 *                    ({@code public})
 */
public record PostgresqlSettings(String url, String user, PasswordSource password, int maxPoolSize,
        Optional<String> schema) implements StoreSettings {
    /** The URL prefix the PostgreSQL JDBC driver answers to. */
    public static final String JDBC_PREFIX = "jdbc:postgresql://";
    private static final String IDENTIFIER = "[a-z_][a-z0-9_]{0,62}";

    /** Validates every field. */
    public PostgresqlSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(schema, "schema");
        if (!url.startsWith(JDBC_PREFIX) || url.length() == JDBC_PREFIX.length()) {
            throw new InvalidValueException("store url", url, "must start with " + JDBC_PREFIX
                    + " and name a host, e.g. jdbc:postgresql://localhost:5432/orbitr");
        }
        if (url.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*")) {
            throw new InvalidValueException("store url", "(hidden: it holds a password)", "must not hold the password;"
                    + " give it in a file or an environment variable instead");
        }
        if (maxPoolSize < 1 || maxPoolSize > 200) {
            throw new InvalidValueException("maxPoolSize", maxPoolSize, "must be between 1 and 200");
        }
        schema.ifPresent(name -> {
            if (!name.matches(IDENTIFIER)) {
                throw new InvalidValueException("schema", name,
                        "must be a lower-case identifier: a letter or _, then letters, digits or _ (at most 63)");
            }
        });
    }

    @Override
    public String kind() {
        return "postgresql";
    }

    /**
     * @param url the JDBC URL, {@code jdbc:postgresql://HOST[:PORT]/DATABASE}
     * @return a builder
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /**
     * Reads the form the command line takes: {@code postgresql://[USER@]HOST[:PORT]/DATABASE[?PARAMS]} (libpq's
     * connection URI) or a JDBC URL. A password in it is refused.
     *
     * @param text     the URI
     * @param password where the password comes from
     * @return the settings, with the default pool size and schema
     * @throws InvalidValueException when it is not such a URI or carries a password
     */
    public static PostgresqlSettings parse(String text, PasswordSource password) {
        Objects.requireNonNull(text, "text");
        String plain = text.startsWith("jdbc:") ? text.substring("jdbc:".length()) : text;
        if (plain.startsWith("postgres://")) {
            plain = "postgresql://" + plain.substring("postgres://".length());
        }
        URI uri;
        try {
            uri = new URI(plain);
        } catch (URISyntaxException e) {
            throw new InvalidValueException("store", "(hidden)", "is not a URI: " + e.getReason());
        }
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new InvalidValueException("store", uri.getScheme() == null ? text : uri.getScheme() + "://...",
                    "must be postgresql://[USER@]HOST[:PORT]/DATABASE (or jdbc:postgresql://...)");
        }
        String user = "";
        if (uri.getRawUserInfo() != null) {
            if (uri.getRawUserInfo().contains(":")) {
                throw new InvalidValueException("store", "(hidden: it holds a password)", "must not hold the password;"
                        + " give it in a file (--store-password-file) or an environment variable instead");
            }
            user = uri.getUserInfo();
        }
        String url = JDBC_PREFIX + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return builder(url).user(user).password(password).build();
    }

    @Override
    public String toString() {
        return "PostgreSQL " + url + (user.isEmpty() ? "" : " as " + user) + ", " + password
                + schema.map(name -> ", schema " + name).orElse("");
    }

    /** Builds {@link PostgresqlSettings}. */
    public static final class Builder {
        private final String url;
        private String user = "";
        private PasswordSource password = PasswordSource.none();
        private int maxPoolSize = 10;
        private Optional<String> schema = Optional.empty();

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /** @param value the role to log in as @return this builder */
        public Builder user(String value) {
            this.user = Objects.requireNonNull(value, "user");
            return this;
        }

        /** @param value where the password comes from @return this builder */
        public Builder password(PasswordSource value) {
            this.password = Objects.requireNonNull(value, "password");
            return this;
        }

        /** @param file a file whose first line is the password @return this builder */
        public Builder passwordFile(Path file) {
            return password(PasswordSource.file(file));
        }

        /** @param variable an environment variable holding the password @return this builder */
        public Builder passwordFromEnvironment(String variable) {
            return password(PasswordSource.environment(variable));
        }

        /** @param value the pool's size, 1 to 200 @return this builder */
        public Builder maxPoolSize(int value) {
            this.maxPoolSize = value;
            return this;
        }

        /** @param name the schema to keep the tables in (created when absent) @return this builder */
        public Builder schema(String name) {
            this.schema = Optional.of(name);
            return this;
        }

        /** @return the settings @throws InvalidValueException naming the first bad field */
        public PostgresqlSettings build() {
            return new PostgresqlSettings(url, user, password, maxPoolSize, schema);
        }
    }
}
