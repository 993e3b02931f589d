package io.orbitr.jdclient.metrics;

import java.time.Duration;

/** The bucket sizes series are aggregated by, and that the rollup table keeps. Buckets are aligned to UTC. */
public enum Granularity {
    /** One-minute buckets. */
    MINUTE(Duration.ofMinutes(1)),
    /** One-hour buckets. */
    HOUR(Duration.ofHours(1)),
    /** One-day buckets (UTC days). */
    DAY(Duration.ofDays(1));

    private final long millis;

    Granularity(Duration size) {
        this.millis = size.toMillis();
    }

    /** @return the bucket size in milliseconds */
    public long millis() {
        return millis;
    }

    /**
     * @param epochMillis a time
     * @return the start of the bucket that holds it
     */
    public long floor(long epochMillis) {
        return Math.floorDiv(epochMillis, millis) * millis;
    }

    /**
     * @param epochMillis a time
     * @return the first bucket start at or after it
     */
    public long ceil(long epochMillis) {
        long floor = floor(epochMillis);
        return floor == epochMillis ? floor : floor + millis;
    }
}
