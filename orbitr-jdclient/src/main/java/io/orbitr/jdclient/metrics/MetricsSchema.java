package io.orbitr.jdclient.metrics;

import io.orbitr.store.Migration;
import java.util.List;

/**
 * The tables the jd-client module adds under its own schema component ({@code jdclient}): a rollup of the core
 * {@code metrics} table per source, metric and minute, hour and UTC day, kept up to date at ingest, so a week of
 * per-second samples is aggregated by reading a few hundred rollup rows instead of 604,800 raw ones.
 */
public final class MetricsSchema {
    /** The rollup table. */
    static final String ROLLUPS = "jdc_metric_rollups";

    private MetricsSchema() {
    }

    /** @return the migrations, in version order */
    public static List<Migration> migrations() {
        return List.of(Migration.of(1, "metric rollups per minute, hour and day",
                "CREATE TABLE IF NOT EXISTS " + ROLLUPS + " (source VARCHAR(100) NOT NULL,"
                        + " metric VARCHAR(100) NOT NULL, bucket_ms BIGINT NOT NULL, bucket_start BIGINT NOT NULL,"
                        + " sample_count BIGINT NOT NULL, value_sum DOUBLE PRECISION NOT NULL,"
                        + " value_min DOUBLE PRECISION NOT NULL, value_max DOUBLE PRECISION NOT NULL,"
                        + " PRIMARY KEY (source, metric, bucket_ms, bucket_start))"));
    }
}
