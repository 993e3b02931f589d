/**
 * The store: JDBC with transactions over embedded H2 (the default) or PostgreSQL (HikariCP-pooled), versioned schema
 * migrations per component, and the one place where their SQL differs ({@link io.orbitr.core.store.SqlDialect}).
 */
package io.orbitr.core.store;
