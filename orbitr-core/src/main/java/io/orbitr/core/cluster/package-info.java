/** Leases in the store for several Orbitr servers sharing one database. */
package io.orbitr.core.cluster;
