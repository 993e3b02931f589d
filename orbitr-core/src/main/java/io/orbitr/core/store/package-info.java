/** The default store: JDBC with transactions, embedded H2, and versioned schema migrations per component. */
package io.orbitr.core.store;
