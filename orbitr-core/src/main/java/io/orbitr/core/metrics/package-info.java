/**
 * The time-series store ({@link io.orbitr.core.metrics.JdbcTimeSeries}) and the container stats recorder
 * ({@link io.orbitr.core.metrics.StatsRecorder}) behind {@link io.orbitr.metrics.TimeSeries} and
 * {@link io.orbitr.metrics.StatsHistory}.
 */
package io.orbitr.core.metrics;
