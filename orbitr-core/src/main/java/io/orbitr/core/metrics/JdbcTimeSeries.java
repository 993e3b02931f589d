package io.orbitr.core.metrics;

import io.orbitr.metrics.Point;
import io.orbitr.metrics.Resolution;
import io.orbitr.metrics.Sample;
import io.orbitr.metrics.SeriesKey;
import io.orbitr.metrics.TimeSeries;
import io.orbitr.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link TimeSeries} in the platform's JDBC store (tables of {@link TimeSeriesSchema}). A series' name is stored once
 * under a numeric id; each ingest groups its samples per series and minute in memory, writes each group as one
 * {@link SampleBlock} row, and adds the groups to the minute, hour and day rollups, all in one transaction. The
 * database's cost is per row and index entry, so a minute of per-second samples costs one row instead of sixty.
 * Retention works in whole minutes: a purge deletes the blocks of minutes that started before the cutoff's minute.
 * Ingests and purges are serialised (rollup rows are read-modify-written); queries run beside them.
 *
 * <p>A facade over the parts that do the work: the series ids ({@code SeriesIds}), ingest ({@code SampleIngest}),
 * queries ({@code SeriesQueries}), retention and deletes ({@code SeriesRetention}) and the one-off move of 0.1's
 * samples ({@code LegacySampleAdoption}). It owns the write lock they share.
 */
public final class JdbcTimeSeries implements TimeSeries {
    private final SampleIngest ingest;
    private final SeriesQueries queries;
    private final SeriesRetention retention;
    private final LegacySampleAdoption legacy;

    /**
     * @param store the platform's store, migrated with {@link TimeSeriesSchema}
     * @param clock decides what is older than a retention
     */
    public JdbcTimeSeries(Store store, Clock clock) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        // Serialises every writer: ingests, purges, deletes and the legacy adoption.
        ReentrantLock writeLock = new ReentrantLock();
        SeriesIds ids = new SeriesIds(store);
        this.ingest = new SampleIngest(store, ids, writeLock);
        this.queries = new SeriesQueries(store, ids);
        this.retention = new SeriesRetention(store, clock, ids, ingest, writeLock);
        this.legacy = new LegacySampleAdoption(store, writeLock);
    }

    @Override
    public void ingest(Collection<? extends Sample> samples) {
        ingest.ingest(samples);
    }

    @Override
    public List<Point> range(SeriesKey key, Resolution resolution, Instant from, Instant to) {
        return queries.range(key, resolution, from, to);
    }

    @Override
    public Optional<Point> summary(SeriesKey key, Instant from, Instant to) {
        return queries.summary(key, from, to);
    }

    @Override
    public List<Sample> raw(SeriesKey key, Instant from, Instant to, int limit) {
        return queries.raw(key, from, to, limit);
    }

    @Override
    public Optional<Sample> latest(SeriesKey key) {
        return queries.latest(key);
    }

    @Override
    public List<SeriesKey> series(String kind, String source) {
        return queries.series(kind, source);
    }

    @Override
    public void retention(String kind, Duration retention) {
        this.retention.retention(kind, retention);
    }

    @Override
    public Duration retention(String kind) {
        return retention.retention(kind);
    }

    @Override
    public long purge(String kind) {
        return retention.purge(kind);
    }

    /**
     * Writes the samples that the schema migration moved out of 0.1's {@code metrics} table as blocks, one series per
     * transaction (its staged rows deleted in the same one), then drops the staging table. Their rollups were
     * computed by the migration. Runs once, when the platform starts; a run cut short continues at the next start.
     */
    public void adoptLegacySamples() {
        legacy.adopt();
    }

    /**
     * Applies the retention of every kind that has series: what the platform runs every hour. Failures are logged,
     * so a scheduled run never dies.
     *
     * @return how many raw samples were deleted
     */
    public long purgeAll() {
        return retention.purgeAll();
    }

    @Override
    public void delete(String kind, String source) {
        retention.delete(kind, source);
    }
}
