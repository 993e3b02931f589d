/**
 * An example health-check plug-in: {@link io.orbitr.examples.plugin.DiskFreeCheckProvider}, registered through
 * {@code META-INF/services/io.orbitr.health.HealthCheckProvider} and discovered by the platform unchanged.
 */
package io.orbitr.examples.plugin;
