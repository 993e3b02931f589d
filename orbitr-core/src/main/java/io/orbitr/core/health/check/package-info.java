/**
 * The built-in health checks, each a {@link io.orbitr.health.HealthCheckProvider} found by ServiceLoader:
 * {@code http}, {@code tcp}, {@code command}, {@code process}, {@code log-pattern} and {@code memory}. HTTP and TCP
 * checks are non-blocking ({@link io.orbitr.health.AsyncHealthCheck}); the others block a thread of the monitor's
 * bounded check pool.
 */
package io.orbitr.core.health.check;
