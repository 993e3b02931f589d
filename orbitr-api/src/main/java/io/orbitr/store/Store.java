package io.orbitr.store;

/**
 * Orbitr's persistence boundary: a transactional JDBC store. The default is an embedded H2 file under the data
 * directory; {@link StoreSettings} chooses a shared PostgreSQL database instead, and a host may hand the platform
 * any JDBC {@link javax.sql.DataSource}. SQL written for it runs on H2 2.x and PostgreSQL 15 alike.
 *
 * <p>All writes go through {@link #inTransaction(SqlWork)}: the work commits as a whole or not at all, so a crash
 * never leaves half a record.
 */
public interface Store {

    /**
     * Runs work in one transaction: committed when it returns, rolled back when it throws.
     *
     * @param work the work, given a connection with auto-commit off
     * @param <T>  what the work returns
     * @return what the work returned
     * @throws io.orbitr.OrbitrException when the database fails; the SQL error is the cause
     */
    <T> T inTransaction(SqlWork<T> work);

    /**
     * Runs read-only work on a connection.
     *
     * @param work the work
     * @param <T>  what the work returns
     * @return what the work returned
     */
    <T> T read(SqlWork<T> work);

    /**
     * @param component a schema component: {@code orbitr} for the core tables, or a provider's id
     * @return the schema version applied for that component, 0 when none
     */
    int schemaVersion(String component);

    /** @return a description of where the data lives, for status output (a JDBC URL without credentials) */
    String description();
}
