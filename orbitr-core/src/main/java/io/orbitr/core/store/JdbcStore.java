package io.orbitr.core.store;

import io.orbitr.OrbitrException;
import io.orbitr.store.SqlWork;
import io.orbitr.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The {@link Store} over any JDBC {@link DataSource}: each unit of work gets a connection with auto-commit off
 * and is committed as a whole or rolled back. Thread-safe as far as the data source is.
 */
public final class JdbcStore implements Store, AutoCloseable {
    private final DataSource dataSource;
    private final String description;
    private final AutoCloseable onClose;

    /**
     * @param dataSource  where the data lives
     * @param description a description without credentials, for status output
     * @param onClose     what to release when the store closes (a pool, an in-memory database)
     */
    public JdbcStore(DataSource dataSource, String description, AutoCloseable onClose) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.description = Objects.requireNonNull(description, "description");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new OrbitrException("the store (" + description + ") failed: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new OrbitrException("the store (" + description + ") failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int schemaVersion(String component) {
        return read(connection -> SchemaMigrator.recordedVersion(connection, component));
    }

    @Override
    public String description() {
        return description;
    }

    /** @return the data source, for hosts that share it */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        try {
            onClose.close();
        } catch (Exception e) {
            throw new OrbitrException("could not close the store (" + description + "): " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Runs a query that returns at most one long, for small lookups.
     *
     * @param connection a connection
     * @param sql        the query, with {@code ?} parameters
     * @param params     the parameters
     * @return the first column of the first row, or -1 when there is no row
     * @throws SQLException when the query fails
     */
    public static long queryLong(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }
}
