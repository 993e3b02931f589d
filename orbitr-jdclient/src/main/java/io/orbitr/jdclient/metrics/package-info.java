/**
 * Metrics of jd-client instances, kept in the platform's time series ({@link io.orbitr.metrics.TimeSeries}, kind
 * {@code jdclient}) through {@link io.orbitr.jdclient.metrics.MetricStore}, and the readers
 * that produce samples: log lines by level, CPU and memory from /proc.
 */
package io.orbitr.jdclient.metrics;
