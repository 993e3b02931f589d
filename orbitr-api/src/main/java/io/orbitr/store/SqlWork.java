package io.orbitr.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of database work run by the {@link Store}.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface SqlWork<T> {

    /**
     * @param connection a connection owned by the store; do not close it
     * @return the work's result
     * @throws SQLException when the database fails; the store rolls back and wraps it
     */
    T run(Connection connection) throws SQLException;
}
