package io.orbitr.core.backup;

import io.orbitr.UnavailableException;
import io.orbitr.store.PostgresqlSettings;
import io.orbitr.store.Store;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How PostgreSQL's own tools ({@code pg_dump}, {@code pg_restore}) reach a store's schema: the JDBC URL's hosts,
 * ports and database, the role, the password and the schema, handed to the tools as libpq's environment variables
 * ({@code PGHOST}, {@code PGPASSWORD}, ...), never as command-line arguments, which other users of the machine can
 * read. Without a known password (a host's own data source) libpq finds it as it always does: {@code PGPASSWORD}
 * in Orbitr's environment, or {@code ~/.pgpass}.
 *
 * @param hosts    libpq's {@code PGHOST}: one host or a comma-separated list
 * @param ports    libpq's {@code PGPORT}, matching the hosts; empty for the default
 * @param database the database; empty for libpq's default (the role's name)
 * @param user     the role; empty for libpq's default (the operating-system user)
 * @param password the password, when known
 * @param schema   the store's schema
 * @param sslMode  the URL's {@code sslmode}, when it names one
 */
record PostgresqlLogin(String hosts, String ports, String database, String user, Optional<String> password,
        String schema, Optional<String> sslMode) {
    /** The schema names the tools are given: a plain identifier needs no quoting in {@code --schema}. */
    static final Pattern PLAIN_SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String PREFIX = "jdbc:postgresql://";

    PostgresqlLogin {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(sslMode, "sslMode");
    }

    /**
     * @param store    an open PostgreSQL store
     * @param password its password, when known
     * @return how the tools reach the store's schema (the one its connections use)
     * @throws UnavailableException when the store's URL or schema cannot be given to the tools
     */
    static PostgresqlLogin of(Store store, Optional<String> password) {
        String[] facts = store.read(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT current_schema()")) {
                row.next();
                return new String[] {connection.getMetaData().getURL(), connection.getMetaData().getUserName(),
                        row.getString(1)};
            }
        });
        if (facts[2] == null) {
            throw new UnavailableException("the store " + store.description() + " has no current schema (its search"
                    + " path names none that exists); backups need the schema the store's tables are in");
        }
        return parse(facts[0], facts[1] == null ? "" : facts[1], password, facts[2]);
    }

    /**
     * @param settings a PostgreSQL store's settings
     * @param password its password, when known
     * @param schema   the schema
     * @return how the tools reach that schema
     */
    static PostgresqlLogin of(PostgresqlSettings settings, Optional<String> password, String schema) {
        return parse(settings.url(), settings.user(), password, schema);
    }

    /** @return the environment variables that give the tools this login */
    Map<String, String> environment() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("PGHOST", hosts);
        if (!ports.isEmpty()) {
            variables.put("PGPORT", ports);
        }
        if (!database.isEmpty()) {
            variables.put("PGDATABASE", database);
        }
        if (!user.isEmpty()) {
            variables.put("PGUSER", user);
        }
        password.ifPresent(value -> variables.put("PGPASSWORD", value));
        sslMode.ifPresent(value -> variables.put("PGSSLMODE", value));
        variables.put("PGCONNECT_TIMEOUT", "10");
        variables.put("PGAPPNAME", "orbitr-backup");
        return variables;
    }

    /** @return the database to name to {@code pg_restore --dbname} (libpq's default when the URL names none) */
    String databaseOrDefault() {
        if (!database.isEmpty()) {
            return database;
        }
        return user.isEmpty() ? System.getProperty("user.name") : user;
    }

    /** @return whether both name the same schema of the same database */
    boolean sameSchemaAs(PostgresqlLogin other) {
        return hosts.equals(other.hosts) && ports.equals(other.ports) && databaseOrDefault()
                .equals(other.databaseOrDefault()) && schema.equals(other.schema);
    }

    /** @return where the schema is, for messages (no credentials) */
    String where() {
        return "schema " + schema + " of database " + databaseOrDefault() + " at " + hosts
                + (ports.isEmpty() ? "" : ":" + ports);
    }

    @Override
    public String toString() {
        return "PostgresqlLogin[" + where() + (user.isEmpty() ? "" : " as " + user) + "]";
    }

    /** Reads {@code jdbc:postgresql://HOST[:PORT][,HOST[:PORT]...]/DATABASE[?PARAMS]}. */
    static PostgresqlLogin parse(String url, String user, Optional<String> password, String schema) {
        if (!url.startsWith(PREFIX)) {
            throw new UnavailableException("the store's JDBC URL does not start with " + PREFIX + "; pg_dump and"
                    + " pg_restore need its host: use a URL of the form " + PREFIX + "HOST[:PORT]/DATABASE");
        }
        if (!PLAIN_SCHEMA.matcher(schema).matches()) {
            throw new UnavailableException("the store's schema '" + schema + "' is not a plain lower-case identifier;"
                    + " backups of a PostgreSQL store need one (letters, digits, _)");
        }
        String rest = url.substring(PREFIX.length());
        int query = rest.indexOf('?');
        Map<String, String> params = query < 0 ? Map.of() : params(rest.substring(query + 1));
        String address = query < 0 ? rest : rest.substring(0, query);
        int slash = address.indexOf('/');
        String hostList = slash < 0 ? address : address.substring(0, slash);
        String database = slash < 0 ? "" : URLDecoder.decode(address.substring(slash + 1), StandardCharsets.UTF_8);
        List<String> hosts = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (String spec : hostList.split(",")) {
            String host;
            String port = "";
            if (spec.startsWith("[")) {
                int close = spec.indexOf(']');
                host = spec.substring(1, Math.max(1, close));
                if (close > 0 && close + 1 < spec.length() && spec.charAt(close + 1) == ':') {
                    port = spec.substring(close + 2);
                }
            } else {
                int colon = spec.lastIndexOf(':');
                host = colon < 0 ? spec : spec.substring(0, colon);
                port = colon < 0 ? "" : spec.substring(colon + 1);
            }
            hosts.add(host.isEmpty() ? "localhost" : host);
            ports.add(port.isEmpty() ? "5432" : port);
        }
        String role = !user.isEmpty() ? user : params.getOrDefault("user", "");
        return new PostgresqlLogin(String.join(",", hosts), String.join(",", ports), database, role, password,
                schema, Optional.ofNullable(params.get("sslmode")));
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                params.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
