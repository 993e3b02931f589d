/**
 * Time series of jd-client instances: samples in the store's {@code metrics} table with per-minute, per-hour and
 * per-day rollups kept at ingest, range queries (raw, latest, summary, series, uptime), retention, and the readers
 * that produce samples: log lines by level, CPU and memory from /proc.
 */
package io.orbitr.jdclient.metrics;
