package io.orbitr.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The platform's time-series store: raw samples plus per-minute, per-hour and per-day rollups (count, sum, min,
 * max) maintained as samples are ingested, so an aggregated query reads whole buckets from the rollups and raw
 * samples only at a range's ragged edges. Samples older than their kind's retention are deleted by
 * {@link #purge(String)}, which the platform runs every hour. Thread-safe.
 *
 * <pre>{@code
 * TimeSeries series = orbitr.timeSeries();
 * SeriesKey key = SeriesKey.of("sensor", "hall", "temperature");
 * series.ingest(List.of(new Sample(key, Instant.now(), 21.5)));
 * List<Point> hourly = series.range(key, Resolution.HOUR, Instant.now().minus(Duration.ofDays(1)), Instant.now());
 * }</pre>
 */
public interface TimeSeries {
    /** How long samples of a kind are kept unless {@link #retention(String, Duration)} says otherwise. */
    Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** The most points a {@link Resolution#RAW} range returns; a range holding more is refused. */
    int MAX_RAW_POINTS = 100_000;

    /**
     * Stores samples and updates their rollups, in one transaction: all are stored or none.
     *
     * @param samples the samples, in any order, of any series
     */
    void ingest(Collection<? extends Sample> samples);

    /**
     * @param key        the series
     * @param resolution {@link Resolution#RAW} for every sample, else the bucket size
     * @param from       the range's start, inclusive
     * @param to         the range's end, exclusive
     * @return one point per sample or per bucket holding samples, oldest first; buckets cut by the range's edges
     *     cover only the part inside the range
     * @throws io.orbitr.InvalidValueException when {@code to} is not after {@code from}, or when a raw range holds
     *     more than {@link #MAX_RAW_POINTS} samples
     */
    List<Point> range(SeriesKey key, Resolution resolution, Instant from, Instant to);

    /**
     * @param key  the series
     * @param from the range's start, inclusive
     * @param to   the range's end, exclusive
     * @return count, sum, min and max over the range (its time is {@code from}), or empty when it holds no sample
     */
    Optional<Point> summary(SeriesKey key, Instant from, Instant to);

    /**
     * @param key   the series
     * @param from  the range's start, inclusive
     * @param to    the range's end, exclusive
     * @param limit the most samples to return, 1 or more
     * @return the first samples in the range, oldest first
     */
    List<Sample> raw(SeriesKey key, Instant from, Instant to, int limit);

    /**
     * @param key the series
     * @return its newest sample, or empty when it has none
     */
    Optional<Sample> latest(SeriesKey key);

    /**
     * @param kind   a kind of source
     * @param source a source of that kind
     * @return the series of that source, sorted by metric
     */
    List<SeriesKey> series(String kind, String source);

    /**
     * Sets how long samples of a kind are kept; applies from the next {@link #purge(String)}.
     *
     * @param kind      a kind of source
     * @param retention how long, positive
     */
    void retention(String kind, Duration retention);

    /**
     * @param kind a kind of source
     * @return how long its samples are kept ({@link #DEFAULT_RETENTION} unless set)
     */
    Duration retention(String kind);

    /**
     * Deletes the samples of a kind older than its retention, and the rollup buckets that ended before it.
     *
     * @param kind a kind of source
     * @return how many raw samples were deleted
     */
    long purge(String kind);

    /**
     * Deletes every sample and rollup of a source, for example of a deleted instance.
     *
     * @param kind   a kind of source
     * @param source a source of that kind
     */
    void delete(String kind, String source);
}
