package io.orbitr.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place where Orbitr's SQL differs between the databases it runs on. Everything else is written once, in
 * SQL that H2 2.x and PostgreSQL 15 both accept ({@code BIGINT}, {@code VARCHAR(n)}, {@code TEXT}, {@code BOOLEAN},
 * {@code DOUBLE PRECISION}, {@code FETCH FIRST n ROWS ONLY}, {@code ... IF NOT EXISTS}, identity columns).
 */
public enum SqlDialect {
    /** Embedded H2 2.x, and any other database: standard SQL {@code MERGE}. */
    H2,
    /** PostgreSQL 15 or later: {@code INSERT ... ON CONFLICT}, which stays atomic under concurrent writers. */
    POSTGRESQL;

    private static final Pattern CLOB = Pattern.compile("\\bCLOB\\b", Pattern.CASE_INSENSITIVE);

    /**
     * @param connection a connection of the store
     * @return the dialect of its database
     * @throws SQLException when the driver cannot say which database it is
     */
    public static SqlDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("postgresql") ? POSTGRESQL : H2;
    }

    /**
     * Writes or replaces one row by its key, atomically: the statement's parameters are the {@code columns} in
     * order.
     *
     * @param table   the table
     * @param keys    the key columns (a primary key or unique constraint), a prefix of {@code columns}
     * @param columns every column written, keys first
     * @return the statement
     */
    public String upsert(String table, List<String> keys, List<String> columns) {
        return merge(table, keys, columns, columns.subList(keys.size(), columns.size()));
    }

    /**
     * Writes one row unless a row with its key exists, atomically: the statement's parameters are the
     * {@code columns} in order, and its update count is 1 when it wrote the row, 0 when the key was taken.
     *
     * @param table   the table
     * @param keys    the key columns (a primary key or unique constraint), a prefix of {@code columns}
     * @param columns every column written, keys first
     * @return the statement
     */
    public String insertIfAbsent(String table, List<String> keys, List<String> columns) {
        return merge(table, keys, columns, List.of());
    }

    private String merge(String table, List<String> keys, List<String> columns, List<String> others) {
        String names = String.join(", ", columns);
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        if (this == POSTGRESQL) {
            return "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ") ON CONFLICT (" + String.join(", ",
                    keys) + ") DO " + (others.isEmpty() ? "NOTHING" : "UPDATE SET " + others.stream()
                    .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", ")));
        }
        return "MERGE INTO " + table + " t USING (VALUES (" + marks + ")) s (" + names + ") ON "
                + keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "))
                + (others.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET "
                        + others.stream().map(c -> c + " = s." + c).collect(Collectors.joining(", ")))
                + " WHEN NOT MATCHED THEN INSERT (" + names + ") VALUES ("
                + columns.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * @return a statement that makes the servers sharing a database migrate one at a time, held until the end of the
     *     transaction it runs in (PostgreSQL's advisory lock); empty where one server owns the database (H2)
     */
    public java.util.Optional<String> migrationLock() {
        return this == POSTGRESQL ? java.util.Optional.of("SELECT pg_advisory_xact_lock(7419020001)")
                : java.util.Optional.empty();
    }

    /**
     * Adapts a migration statement: PostgreSQL has no {@code CLOB}, and its {@code TEXT} is what H2 calls
     * {@code CLOB}, so a migration written with either type creates the same table on both.
     *
     * @param statement a statement of a migration
     * @return the statement this database runs
     */
    public String migration(String statement) {
        return this == POSTGRESQL ? CLOB.matcher(statement).replaceAll("TEXT") : statement;
    }
}
