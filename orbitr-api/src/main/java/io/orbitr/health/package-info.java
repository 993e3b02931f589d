/**
 * Health checks and monitoring: the check SPI ({@link io.orbitr.health.HealthCheckProvider},
 * {@link io.orbitr.health.HealthCheck}, {@link io.orbitr.health.AsyncHealthCheck}), the immutable result, the status
 * model with Uptime Kuma's meaning, and the values the monitor takes and returns: targets, remediation, statuses,
 * history entries, pages, response times, scores and the monitor's own metrics; and the monitor itself,
 * {@link io.orbitr.health.HealthMonitor}.
 */
package io.orbitr.health;
