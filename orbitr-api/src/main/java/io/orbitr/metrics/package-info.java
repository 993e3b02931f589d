/**
 * Time series: samples of named metrics of a source (a container, a jd-client instance), kept raw and rolled up per
 * minute, hour and UTC day as they are ingested, queried by range and kept for a retention per kind. The platform's
 * {@link io.orbitr.metrics.TimeSeries} is a service ({@code lookup(TimeSeries.class)}); the recorded container stats
 * are read through {@link io.orbitr.metrics.StatsHistory}.
 */
package io.orbitr.metrics;
