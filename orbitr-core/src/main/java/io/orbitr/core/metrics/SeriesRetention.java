package io.orbitr.core.metrics;

import io.orbitr.InvalidValueException;
import io.orbitr.metrics.Resolution;
import io.orbitr.metrics.SeriesKey;
import io.orbitr.metrics.TimeSeries;
import io.orbitr.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the time series keeps and what it removes: the retention per kind, purges of what is older, and deleting a
 * source's series. Retention works in whole minutes: a purge deletes the blocks of minutes that started before the
 * cutoff's minute, and the rollup buckets that ended by then.
 *
 * <p>Purges and deletes hold the time series' write lock (shared with {@link SampleIngest}): an ingest
 * read-modify-writes rollup rows and remembers the newest bucket per series, so a purge or delete beside it could
 * leave a sum that counts deleted samples or a remembered bucket that no longer exists. The retentions are in a
 * {@link ConcurrentHashMap}, set and read from any thread without the lock.
 */
final class SeriesRetention {
    private static final Logger log = LoggerFactory.getLogger(SeriesRetention.class);

    private final Store store;
    private final Clock clock;
    private final SeriesIds ids;
    private final SampleIngest ingest;
    private final ReentrantLock writeLock;
    private final Map<String, Duration> retentions = new ConcurrentHashMap<>();

    /**
     * @param store the platform's store, migrated with {@link TimeSeriesSchema}
     * @param clock decides what is older than a retention
     * @param ids the series id registry, to forget deleted series
     * @param ingest the ingest, to forget the newest buckets of deleted series
     * @param writeLock the time series' write lock, serialising ingests, purges, deletes and legacy adoption
     */
    SeriesRetention(Store store, Clock clock, SeriesIds ids, SampleIngest ingest, ReentrantLock writeLock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.writeLock = Objects.requireNonNull(writeLock, "writeLock");
    }

    /** @see TimeSeries#retention(String, Duration) */
    void retention(String kind, Duration retention) {
        SeriesKey.checkKind(kind);
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new InvalidValueException("retention", retention, "must be positive");
        }
        retentions.put(kind, retention);
    }

    /** @see TimeSeries#retention(String) */
    Duration retention(String kind) {
        return retentions.getOrDefault(SeriesKey.checkKind(kind), TimeSeries.DEFAULT_RETENTION);
    }

    /** @see TimeSeries#purge(String) */
    long purge(String kind) {
        // Whole minutes: a block holds one minute of one series.
        long cutoff = Resolution.MINUTE.floor(clock.millis() - retention(kind).toMillis());
        writeLock.lock();
        try {
            long deleted = store.inTransaction(connection -> {
                long rows = 0;
                List<Long> series = seriesIds(connection, kind, Optional.empty());
                // Per series, so each statement walks the (series_id, start_ts) index, not the whole table.
                try (PreparedStatement count = connection.prepareStatement("SELECT SUM(sample_count) FROM ts_blocks"
                        + " WHERE series_id = ? AND start_ts < ?");
                        PreparedStatement samples = connection.prepareStatement(
                                "DELETE FROM ts_blocks WHERE series_id = ? AND start_ts < ?");
                        PreparedStatement rollups = connection.prepareStatement(
                                "DELETE FROM ts_rollups WHERE series_id = ? AND bucket_start + resolution_ms <= ?")) {
                    for (long id : series) {
                        count.setLong(1, id);
                        count.setLong(2, cutoff);
                        try (ResultSet counted = count.executeQuery()) {
                            rows += counted.next() ? counted.getLong(1) : 0;
                        }
                        samples.setLong(1, id);
                        samples.setLong(2, cutoff);
                        samples.executeUpdate();
                        rollups.setLong(1, id);
                        rollups.setLong(2, cutoff);
                        rollups.executeUpdate();
                    }
                }
                return rows;
            });
            if (deleted > 0) {
                log.debug("deleted {} '{}' samples older than {}", deleted, kind, Instant.ofEpochMilli(cutoff));
            }
            return deleted;
        } finally {
            writeLock.unlock();
        }
    }

    /** @see JdbcTimeSeries#purgeAll() */
    long purgeAll() {
        long deleted = 0;
        try {
            List<String> kinds = store.read(connection -> {
                List<String> out = new ArrayList<>();
                try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT kind FROM ts_series");
                        ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        out.add(rows.getString(1));
                    }
                }
                return out;
            });
            for (String kind : kinds) {
                deleted += purge(kind);
            }
        } catch (RuntimeException e) {
            log.warn("purging old time-series samples failed: {}", e.toString());
        }
        return deleted;
    }

    /** @see TimeSeries#delete(String, String) */
    void delete(String kind, String source) {
        SeriesKey.checkKind(kind);
        Objects.requireNonNull(source, "source");
        writeLock.lock();
        try {
            store.inTransaction(connection -> {
                for (long id : seriesIds(connection, kind, Optional.of(source))) {
                    for (String table : List.of("ts_blocks", "ts_rollups")) {
                        try (PreparedStatement delete = connection.prepareStatement(
                                "DELETE FROM " + table + " WHERE series_id = ?")) {
                            delete.setLong(1, id);
                            delete.executeUpdate();
                        }
                    }
                }
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM ts_series WHERE kind = ? AND source = ?")) {
                    delete.setString(1, kind);
                    delete.setString(2, source);
                    delete.executeUpdate();
                }
                return null;
            });
            ingest.forget(ids.forget(kind, source));
        } finally {
            writeLock.unlock();
        }
    }

    private static List<Long> seriesIds(Connection connection, String kind, Optional<String> source)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM ts_series WHERE kind = ?"
                + (source.isPresent() ? " AND source = ?" : ""))) {
            query.setString(1, kind);
            if (source.isPresent()) {
                query.setString(2, source.get());
            }
            List<Long> out = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getLong(1));
                }
            }
            return out;
        }
    }
}
