/** Small JDBC helpers shared by the module's tables (saved configurations, instances, metrics, health history). */
package io.orbitr.jdclient.store;
