/** The persistence boundary: a transactional JDBC store and versioned schema migrations. */
package io.orbitr.store;
