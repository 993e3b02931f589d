package io.orbitr.jdclient.metrics;

import io.orbitr.store.Migration;
import java.util.List;

/**
 * The jd-client module's metric tables (schema component {@code jdclient}). Version 1 (0.1) kept rollups of the core
 * {@code metrics} table; the samples now live in the platform's time series, which recomputes their rollups when it
 * moves 0.1's samples in, so version 2 drops the old rollup table.
 */
public final class MetricsSchema {

    private MetricsSchema() {
    }

    /** @return the migrations, in version order */
    public static List<Migration> migrations() {
        return List.of(Migration.of(1, "metric rollups per minute, hour and day",
                "CREATE TABLE IF NOT EXISTS jdc_metric_rollups (source VARCHAR(100) NOT NULL,"
                        + " metric VARCHAR(100) NOT NULL, bucket_ms BIGINT NOT NULL, bucket_start BIGINT NOT NULL,"
                        + " sample_count BIGINT NOT NULL, value_sum DOUBLE PRECISION NOT NULL,"
                        + " value_min DOUBLE PRECISION NOT NULL, value_max DOUBLE PRECISION NOT NULL,"
                        + " PRIMARY KEY (source, metric, bucket_ms, bucket_start))"),
                Migration.of(2, "metric rollups moved to the platform's time series",
                        "DROP TABLE IF EXISTS jdc_metric_rollups"));
    }
}
