package io.orbitr.core.metrics;

import io.orbitr.metrics.Resolution;
import java.util.List;

/**
 * A rollup row's key: one series' bucket at one resolution. A value, safe to share.
 *
 * @param seriesId the series' id in {@code ts_series}
 * @param resolution the bucket's width
 * @param bucketStart the bucket's start, epoch milliseconds, a multiple of the resolution
 */
record RollupKey(long seriesId, Resolution resolution, long bucketStart) {
    /** The rollup resolutions, coarsest first: a range is covered by the largest whole buckets that fit. */
    static final List<Resolution> COARSEST_FIRST = List.of(Resolution.DAY, Resolution.HOUR, Resolution.MINUTE);
}
