package io.orbitr.core.metrics;

import static io.orbitr.core.metrics.RollupKey.COARSEST_FIRST;

import io.orbitr.InvalidValueException;
import io.orbitr.metrics.Point;
import io.orbitr.metrics.Resolution;
import io.orbitr.metrics.Sample;
import io.orbitr.metrics.SeriesKey;
import io.orbitr.metrics.TimeSeries;
import io.orbitr.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the time series: points at a resolution, summaries, raw samples, the latest sample and a source's series.
 * A range is covered by the coarsest whole rollup buckets that fit; its ragged edges come from finer rollups and, under
 * a minute, from the raw blocks.
 *
 * <p>Holds no state of its own beyond the shared {@link SeriesIds} and takes no lock: queries run beside ingests and
 * purges, each on one connection of {@link Store#read}, and see what had committed.
 */
final class SeriesQueries {
    private final Store store;
    private final SeriesIds ids;

    /**
     * @param store the platform's store, migrated with {@link TimeSeriesSchema}
     * @param ids the series id registry
     */
    SeriesQueries(Store store, SeriesIds ids) {
        this.store = Objects.requireNonNull(store, "store");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** @see TimeSeries#range(SeriesKey, Resolution, Instant, Instant) */
    List<Point> range(SeriesKey key, Resolution resolution, Instant from, Instant to) {
        Objects.requireNonNull(resolution, "resolution");
        checkRange(from, to);
        Optional<Long> id = ids.id(key);
        if (id.isEmpty()) {
            return List.of();
        }
        long series = id.get();
        long start = from.toEpochMilli();
        long end = to.toEpochMilli();
        if (resolution == Resolution.RAW) {
            List<Sample> raw = raw(key, from, to, TimeSeries.MAX_RAW_POINTS + 1);
            if (raw.size() > TimeSeries.MAX_RAW_POINTS) {
                throw new InvalidValueException("to", to, "the range " + from + " to " + to + " holds more than "
                        + TimeSeries.MAX_RAW_POINTS + " samples of " + key
                        + ": narrow it, or ask for minute, hour or day points");
            }
            return raw.stream().map(s -> Point.of(s.time(), s.value())).toList();
        }
        long firstWhole = resolution.ceil(start);
        long lastWhole = resolution.floor(end);
        List<Resolution> finer = COARSEST_FIRST.subList(COARSEST_FIRST.indexOf(resolution) + 1,
                COARSEST_FIRST.size());
        return store.read(connection -> {
            List<Point> out = new ArrayList<>();
            if (firstWhole >= lastWhole) {
                summary(connection, series, start, end, finer)
                        .ifPresent(s -> out.add(at(s, resolution.floor(start))));
                return out;
            }
            if (start < firstWhole) {
                summary(connection, series, start, firstWhole, finer)
                        .ifPresent(s -> out.add(at(s, resolution.floor(start))));
            }
            rollupPoints(connection, series, resolution, firstWhole, lastWhole, out);
            if (lastWhole < end) {
                summary(connection, series, lastWhole, end, finer).ifPresent(s -> out.add(at(s, lastWhole)));
            }
            return out;
        });
    }

    /** @see TimeSeries#summary(SeriesKey, Instant, Instant) */
    Optional<Point> summary(SeriesKey key, Instant from, Instant to) {
        checkRange(from, to);
        Optional<Long> id = ids.id(key);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return store.read(connection -> summary(connection, id.get(), from.toEpochMilli(), to.toEpochMilli(),
                COARSEST_FIRST)).map(p -> at(p, from.toEpochMilli()));
    }

    /** @see TimeSeries#raw(SeriesKey, Instant, Instant, int) */
    List<Sample> raw(SeriesKey key, Instant from, Instant to, int limit) {
        if (limit < 1) {
            throw new InvalidValueException("limit", limit, "must be 1 or more");
        }
        checkRange(from, to);
        Optional<Long> id = ids.id(key);
        if (id.isEmpty()) {
            return List.of();
        }
        long start = from.toEpochMilli();
        long end = to.toEpochMilli();
        return store.read(connection -> {
            SampleBlock samples = new SampleBlock();
            try (PreparedStatement query = connection.prepareStatement("SELECT start_ts, samples FROM ts_blocks"
                    + " WHERE series_id = ? AND start_ts >= ? AND start_ts < ? ORDER BY start_ts")) {
                query.setLong(1, id.get());
                query.setLong(2, Resolution.MINUTE.floor(start));
                query.setLong(3, end);
                long newest = Long.MIN_VALUE;
                int inRange = 0;
                try (ResultSet rows = query.executeQuery()) {
                    // A later block only holds samples at or after its start: once it starts after everything kept,
                    // the first `limit` samples are known.
                    while (rows.next() && !(inRange >= limit && rows.getLong(1) > newest)) {
                        int before = samples.size();
                        samples.decode(rows.getLong(1), rows.getBytes(2));
                        for (int i = before; i < samples.size(); i++) {
                            if (samples.time(i) >= start && samples.time(i) < end) {
                                inRange++;
                                newest = Math.max(newest, samples.time(i));
                            }
                        }
                    }
                }
            }
            samples.sort();
            List<Sample> out = new ArrayList<>();
            for (int i = 0; i < samples.size() && out.size() < limit; i++) {
                if (samples.time(i) >= start && samples.time(i) < end) {
                    out.add(new Sample(key, Instant.ofEpochMilli(samples.time(i)), samples.value(i)));
                }
            }
            return out;
        });
    }

    /** @see TimeSeries#latest(SeriesKey) */
    Optional<Sample> latest(SeriesKey key) {
        Optional<Long> id = ids.id(key);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return store.read(connection -> {
            long newestBlock;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT MAX(start_ts) FROM ts_blocks WHERE series_id = ?")) {
                query.setLong(1, id.get());
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    newestBlock = rows.getLong(1);
                    if (rows.wasNull()) {
                        return Optional.<Sample>empty();
                    }
                }
            }
            // Every block of the newest block's minute: several ingests may have written to it.
            SampleBlock samples = blocks(connection, id.get(), Resolution.MINUTE.floor(newestBlock), Long.MAX_VALUE);
            int best = 0;
            for (int i = 1; i < samples.size(); i++) {
                if (samples.time(i) >= samples.time(best)) {
                    best = i;
                }
            }
            return Optional.of(new Sample(key, Instant.ofEpochMilli(samples.time(best)), samples.value(best)));
        });
    }

    /** @see TimeSeries#series(String, String) */
    List<SeriesKey> series(String kind, String source) {
        SeriesKey.checkKind(kind);
        Objects.requireNonNull(source, "source");
        return store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT metric FROM ts_series"
                    + " WHERE kind = ? AND source = ? ORDER BY metric")) {
                query.setString(1, kind);
                query.setString(2, source);
                List<SeriesKey> out = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        out.add(new SeriesKey(kind, source, rows.getString(1)));
                    }
                }
                return out;
            }
        });
    }

    /** The samples of the blocks that start in [from, to). */
    private static SampleBlock blocks(Connection connection, long series, long from, long to) throws SQLException {
        SampleBlock samples = new SampleBlock();
        try (PreparedStatement query = connection.prepareStatement("SELECT start_ts, samples FROM ts_blocks"
                + " WHERE series_id = ? AND start_ts >= ? AND start_ts < ?")) {
            query.setLong(1, series);
            query.setLong(2, from);
            query.setLong(3, to);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    samples.decode(rows.getLong(1), rows.getBytes(2));
                }
            }
        }
        return samples;
    }

    /**
     * Covers [start, end) with the coarsest whole buckets that fit and recurses with finer ones into the ragged
     * edges; what no bucket covers is read from the raw samples.
     */
    private static Optional<Point> summary(Connection connection, long series, long start, long end,
            List<Resolution> levels) throws SQLException {
        if (start >= end) {
            return Optional.empty();
        }
        if (levels.isEmpty()) {
            // Less than a minute (the minute rollups cover the rest): the blocks of that minute.
            SampleBlock samples = blocks(connection, series, Resolution.MINUTE.floor(start), end);
            Accumulator acc = new Accumulator(false);
            for (int i = 0; i < samples.size(); i++) {
                if (samples.time(i) >= start && samples.time(i) < end) {
                    acc.add(samples.time(i), samples.value(i));
                }
            }
            return acc.count() == 0 ? Optional.empty()
                    : Optional.of(new Point(Instant.ofEpochMilli(start), acc.count(), acc.sum(), acc.min(),
                            acc.max()));
        }
        Resolution r = levels.get(0);
        List<Resolution> finer = levels.subList(1, levels.size());
        long firstWhole = r.ceil(start);
        long lastWhole = r.floor(end);
        if (firstWhole >= lastWhole) {
            return summary(connection, series, start, end, finer);
        }
        Optional<Point> middle = aggregate(connection, "SELECT SUM(sample_count), SUM(value_sum), MIN(value_min),"
                + " MAX(value_max) FROM ts_rollups WHERE series_id = ? AND resolution_ms = " + r.millis()
                + " AND bucket_start >= ? AND bucket_start < ?", series, firstWhole, lastWhole);
        return combine(combine(summary(connection, series, start, firstWhole, finer), middle),
                summary(connection, series, lastWhole, end, finer));
    }

    private static Optional<Point> aggregate(Connection connection, String sql, long series, long from, long to)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, series);
            query.setLong(2, from);
            query.setLong(3, to);
            try (ResultSet rows = query.executeQuery()) {
                // COUNT or SUM(sample_count) is 0 or NULL when nothing matched; the aggregates are then NULL too.
                if (!rows.next() || rows.getLong(1) == 0) {
                    return Optional.empty();
                }
                return Optional.of(new Point(Instant.ofEpochMilli(from), rows.getLong(1), rows.getDouble(2),
                        rows.getDouble(3), rows.getDouble(4)));
            }
        }
    }

    private static void rollupPoints(Connection connection, long series, Resolution r, long from, long to,
            List<Point> out) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT bucket_start, sample_count, value_sum,"
                + " value_min, value_max FROM ts_rollups WHERE series_id = ? AND resolution_ms = ?"
                + " AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start")) {
            query.setLong(1, series);
            query.setLong(2, r.millis());
            query.setLong(3, from);
            query.setLong(4, to);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(new Point(Instant.ofEpochMilli(rows.getLong(1)), rows.getLong(2), rows.getDouble(3),
                            rows.getDouble(4), rows.getDouble(5)));
                }
            }
        }
    }

    private static Point at(Point point, long epochMillis) {
        return new Point(Instant.ofEpochMilli(epochMillis), point.count(), point.sum(), point.min(), point.max());
    }

    private static Optional<Point> combine(Optional<Point> a, Optional<Point> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : Optional.of(a.get().plus(b.get()));
    }

    private static void checkRange(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new InvalidValueException("to", to, "must be after from (" + from + ")");
        }
    }
}
