package io.orbitr.jdclient.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few JDBC shapes this module repeats: a query mapped row by row, a query for at most one row, and an update,
 * each with positional parameters bound by {@link PreparedStatement#setObject(int, Object)} (and {@link Null} for a
 * typed SQL NULL).
 */
public final class Sql {

    private Sql() {
    }

    /**
     * A SQL NULL parameter of a type, since {@code setObject(i, null)} is not portable across drivers.
     *
     * @param sqlType the column's {@link java.sql.Types} constant
     */
    public record Null(int sqlType) {
    }

    /**
     * Maps one row of a result.
     *
     * @param <T> what a row becomes
     */
    @FunctionalInterface
    public interface RowMapper<T> {
        /**
         * @param row the result, positioned on a row
         * @return the row's value
         * @throws SQLException when a column cannot be read
         */
        T map(ResultSet row) throws SQLException;
    }

    /**
     * @param connection a connection
     * @param sql        the query
     * @param mapper     maps each row
     * @param params     the parameters
     * @param <T>        what a row becomes
     * @return every row, mapped, in the query's order
     * @throws SQLException when the query fails
     */
    public static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        return list(connection, sql, 0, mapper, params);
    }

    /**
     * @param connection a connection
     * @param sql        the query
     * @param maxRows    the most rows to read, 0 for all
     * @param mapper     maps each row
     * @param params     the parameters
     * @param <T>        what a row becomes
     * @return up to {@code maxRows} rows, mapped, in the query's order
     * @throws SQLException when the query fails
     */
    public static <T> List<T> list(Connection connection, String sql, int maxRows, RowMapper<T> mapper,
            Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            statement.setMaxRows(maxRows);
            List<T> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(mapper.map(rows));
                }
            }
            return out;
        }
    }

    /**
     * @param connection a connection
     * @param sql        the query
     * @param mapper     maps the row
     * @param params     the parameters
     * @param <T>        what the row becomes
     * @return the first row, mapped, or empty when there is none
     * @throws SQLException when the query fails
     */
    public static <T> Optional<T> first(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        return list(connection, sql, 1, mapper, params).stream().findFirst();
    }

    /**
     * @param connection a connection
     * @param sql        an INSERT, UPDATE or DELETE
     * @param params     the parameters
     * @return how many rows it changed
     * @throws SQLException when the statement fails
     */
    public static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Null empty) {
                    statement.setNull(i + 1, empty.sqlType());
                } else {
                    statement.setObject(i + 1, params[i]);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
