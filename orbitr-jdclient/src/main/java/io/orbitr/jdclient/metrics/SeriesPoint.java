package io.orbitr.jdclient.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * One bucket of a series.
 *
 * @param bucketStart the bucket's start (UTC-aligned); a bucket cut by the range's edge covers only the part inside
 * @param summary     the bucket's aggregates
 */
public record SeriesPoint(Instant bucketStart, Summary summary) {

    /** Refuses nulls. */
    public SeriesPoint {
        Objects.requireNonNull(bucketStart, "bucketStart");
        Objects.requireNonNull(summary, "summary");
    }
}
