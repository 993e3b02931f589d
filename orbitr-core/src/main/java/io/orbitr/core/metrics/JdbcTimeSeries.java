package io.orbitr.core.metrics;

import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TimeSeries} in the platform's JDBC store (tables of {@link TimeSeriesSchema}). A series' name is stored once
 * under a numeric id; each ingest groups its samples per series and minute in memory, writes each group as one
 * {@link SampleBlock} row, and adds the groups to the minute, hour and day rollups, all in one transaction. The
 * database's cost is per row and index entry, so a minute of per-second samples costs one row instead of sixty.
 * Retention works in whole minutes: a purge deletes the blocks of minutes that started before the cutoff's minute.
 * Ingests and purges are serialised (rollup rows are read-modify-written); queries run beside them.
 */
public final class JdbcTimeSeries implements TimeSeries {
    private static final Logger log = LoggerFactory.getLogger(JdbcTimeSeries.class);
    /** Rows per multi-row INSERT: H2 runs one statement of many rows for far less than as many statements. */
    private static final int ROWS_PER_INSERT = 200;
    /** Coarsest first: a range is covered by the largest whole buckets that fit. */
    private static final List<Resolution> COARSEST_FIRST = List.of(Resolution.DAY, Resolution.HOUR,
            Resolution.MINUTE);

    private final Store store;
    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<SeriesKey, Long> ids = new ConcurrentHashMap<>();
    private final Map<String, Duration> retentions = new ConcurrentHashMap<>();
    /** Per series id, the newest rollup bucket start per resolution (by ordinal), as committed. */
    private final Map<Long, long[]> newestBuckets = new ConcurrentHashMap<>();

    /**
     * @param store the platform's store, migrated with {@link TimeSeriesSchema}
     * @param clock decides what is older than a retention
     */
    public JdbcTimeSeries(Store store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void ingest(Collection<? extends Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        List<Sample> all = List.copyOf(samples);
        writeLock.lock();
        try {
            Map<SeriesKey, Long> batchIds = resolve(all);
            long[] seriesIds = new long[all.size()];
            SeriesKey lastKey = null;
            long lastId = 0;
            for (int i = 0; i < seriesIds.length; i++) {
                SeriesKey key = all.get(i).key();
                if (key != lastKey) {
                    lastKey = key;
                    lastId = batchIds.get(key);
                }
                seriesIds[i] = lastId;
            }
            Map<RollupKey, Accumulator> minutes = minutes(all, seriesIds);
            Map<RollupKey, Accumulator> rollups = rollups(minutes);
            Map<Long, long[]> marks = store.inTransaction(connection -> {
                insertBlocks(connection, minutes);
                return addRollups(connection, rollups);
            });
            newestBuckets.putAll(marks);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The ids of the batch's series; new series are created first, in a transaction of their own, so an ingest that
     * fails later never leaves an id in the cache that the database does not have.
     */
    private Map<SeriesKey, Long> resolve(List<Sample> samples) {
        Map<SeriesKey, Long> out = new HashMap<>();
        SeriesKey last = null;
        for (Sample sample : samples) {
            SeriesKey key = sample.key();
            if (key != last && !out.containsKey(key)) {
                out.put(key, ids.computeIfAbsent(key, this::findOrCreate));
            }
            last = key;
        }
        return out;
    }

    private long findOrCreate(SeriesKey key) {
        Optional<Long> found = find(key);
        if (found.isPresent()) {
            return found.get();
        }
        try {
            store.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO ts_series (kind, source, metric) VALUES (?, ?, ?)")) {
                    bindKey(insert, key);
                    insert.executeUpdate();
                }
                return null;
            });
        } catch (OrbitrException e) {
            // Another platform on the same database created it first: its row is as good as ours.
            log.debug("series {} was created concurrently: {}", key, e.getMessage());
        }
        return find(key).orElseThrow(() -> new OrbitrException("the time series " + key + " could not be created in"
                + " the store (" + store.description() + ")"));
    }

    private Optional<Long> find(SeriesKey key) {
        return store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id FROM ts_series WHERE kind = ? AND source = ? AND metric = ?")) {
                bindKey(query, key);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    /** Groups the samples per series and minute: each group is a block and a minute rollup. */
    private static Map<RollupKey, Accumulator> minutes(List<Sample> samples, long[] seriesIds) {
        Map<RollupKey, Accumulator> minutes = new HashMap<>();
        RollupKey last = null;
        Accumulator lastAcc = null;
        for (int i = 0; i < seriesIds.length; i++) {
            long millis = samples.get(i).epochMillis();
            long bucket = Resolution.MINUTE.floor(millis);
            // Samples usually arrive in time order per series: reuse the previous bucket without a map lookup.
            if (last == null || last.seriesId() != seriesIds[i] || last.bucketStart() != bucket) {
                last = new RollupKey(seriesIds[i], Resolution.MINUTE, bucket);
                lastAcc = minutes.computeIfAbsent(last, k -> new Accumulator(true));
            }
            lastAcc.add(millis, samples.get(i).value());
        }
        return minutes;
    }

    /** The minutes, and the hours and days they nest in. */
    private static Map<RollupKey, Accumulator> rollups(Map<RollupKey, Accumulator> minutes) {
        Map<RollupKey, Accumulator> out = new HashMap<>(minutes);
        minutes.forEach((minute, acc) -> {
            for (Resolution r : List.of(Resolution.HOUR, Resolution.DAY)) {
                out.computeIfAbsent(new RollupKey(minute.seriesId(), r, r.floor(minute.bucketStart())),
                        k -> new Accumulator(false)).add(acc);
            }
        });
        return out;
    }

    private static void insertBlocks(Connection connection, Map<RollupKey, Accumulator> minutes)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<RollupKey, Accumulator> minute : minutes.entrySet()) {
            SampleBlock block = minute.getValue().block;
            block.sort();
            for (int from = 0; from < block.size(); from += SampleBlock.MAX_SAMPLES) {
                int to = Math.min(block.size(), from + SampleBlock.MAX_SAMPLES);
                rows.add(new Object[] {minute.getKey().seriesId(), block.time(from), block.time(to - 1), to - from,
                        block.encode(from, to)});
            }
        }
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            try (PreparedStatement insert = connection.prepareStatement(valuesSql("INSERT INTO ts_blocks (series_id,"
                    + " start_ts, end_ts, sample_count, samples) VALUES ", "(?, ?, ?, ?, ?)", part.size()))) {
                int p = 1;
                for (Object[] row : part) {
                    insert.setLong(p++, (Long) row[0]);
                    insert.setLong(p++, (Long) row[1]);
                    insert.setLong(p++, (Long) row[2]);
                    insert.setInt(p++, (Integer) row[3]);
                    insert.setBytes(p++, (byte[]) row[4]);
                }
                insert.executeUpdate();
            }
        }
    }

    /**
     * Adds the batch's buckets to the rollups. A bucket after the newest one the series has at that resolution cannot
     * exist yet: those (at ingest, nearly all) are inserted with multi-row INSERTs; the others are added to with
     * UPDATEs, and INSERTed when no row matched. Portable SQL, safe because writes are serialised.
     *
     * @return the newest bucket start per series and resolution after this batch, to remember once it committed
     */
    private Map<Long, long[]> addRollups(Connection connection, Map<RollupKey, Accumulator> rollups)
            throws SQLException {
        Map<Long, long[]> before = new HashMap<>();
        Map<Long, long[]> marks = new HashMap<>();
        List<Map.Entry<RollupKey, Accumulator>> fresh = new ArrayList<>();
        List<Map.Entry<RollupKey, Accumulator>> existing = new ArrayList<>();
        for (Map.Entry<RollupKey, Accumulator> e : rollups.entrySet()) {
            RollupKey key = e.getKey();
            long[] base = before.computeIfAbsent(key.seriesId(), id -> newestBuckets(connection, id));
            long[] mark = marks.computeIfAbsent(key.seriesId(), id -> base.clone());
            int r = key.resolution().ordinal();
            (key.bucketStart() > base[r] ? fresh : existing).add(e);
            mark[r] = Math.max(mark[r], key.bucketStart());
        }
        List<Map.Entry<RollupKey, Accumulator>> missing = new ArrayList<>();
        if (!existing.isEmpty()) {
            int[] updated;
            try (PreparedStatement update = connection.prepareStatement("UPDATE ts_rollups SET"
                    + " sample_count = sample_count + ?, value_sum = value_sum + ?,"
                    + " value_min = CASE WHEN value_min < ? THEN value_min ELSE ? END,"
                    + " value_max = CASE WHEN value_max > ? THEN value_max ELSE ? END"
                    + " WHERE series_id = ? AND resolution_ms = ? AND bucket_start = ?")) {
                for (Map.Entry<RollupKey, Accumulator> e : existing) {
                    Accumulator a = e.getValue();
                    update.setLong(1, a.count);
                    update.setDouble(2, a.sum);
                    update.setDouble(3, a.min);
                    update.setDouble(4, a.min);
                    update.setDouble(5, a.max);
                    update.setDouble(6, a.max);
                    update.setLong(7, e.getKey().seriesId());
                    update.setLong(8, e.getKey().resolution().millis());
                    update.setLong(9, e.getKey().bucketStart());
                    update.addBatch();
                }
                updated = update.executeBatch();
            }
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    missing.add(existing.get(i));
                }
            }
        }
        fresh.addAll(missing);
        for (int from = 0; from < fresh.size(); from += ROWS_PER_INSERT) {
            List<Map.Entry<RollupKey, Accumulator>> part = fresh.subList(from, Math.min(fresh.size(),
                    from + ROWS_PER_INSERT));
            try (PreparedStatement insert = connection.prepareStatement(valuesSql("INSERT INTO ts_rollups (series_id,"
                    + " resolution_ms, bucket_start, sample_count, value_sum, value_min, value_max) VALUES ",
                    "(?, ?, ?, ?, ?, ?, ?)", part.size()))) {
                int p = 1;
                for (Map.Entry<RollupKey, Accumulator> e : part) {
                    Accumulator a = e.getValue();
                    insert.setLong(p++, e.getKey().seriesId());
                    insert.setLong(p++, e.getKey().resolution().millis());
                    insert.setLong(p++, e.getKey().bucketStart());
                    insert.setLong(p++, a.count);
                    insert.setDouble(p++, a.sum);
                    insert.setDouble(p++, a.min);
                    insert.setDouble(p++, a.max);
                }
                insert.executeUpdate();
            }
        }
        return marks;
    }

    /** The newest bucket start of a series per resolution (by ordinal), from memory or, once, from the store. */
    private long[] newestBuckets(Connection connection, long seriesId) {
        long[] known = newestBuckets.get(seriesId);
        if (known != null) {
            return known.clone();
        }
        long[] out = new long[Resolution.values().length];
        java.util.Arrays.fill(out, Long.MIN_VALUE);
        try (PreparedStatement query = connection.prepareStatement("SELECT resolution_ms, MAX(bucket_start)"
                + " FROM ts_rollups WHERE series_id = ? GROUP BY resolution_ms")) {
            query.setLong(1, seriesId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    for (Resolution r : COARSEST_FIRST) {
                        if (r.millis() == rows.getLong(1)) {
                            out[r.ordinal()] = rows.getLong(2);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new OrbitrException("the store (" + store.description() + ") failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static String valuesSql(String head, String row, int rows) {
        StringBuilder sql = new StringBuilder(head.length() + rows * (row.length() + 2)).append(head).append(row);
        for (int i = 1; i < rows; i++) {
            sql.append(", ").append(row);
        }
        return sql.toString();
    }

    @Override
    public List<Point> range(SeriesKey key, Resolution resolution, Instant from, Instant to) {
        Objects.requireNonNull(resolution, "resolution");
        checkRange(from, to);
        Optional<Long> id = id(key);
        if (id.isEmpty()) {
            return List.of();
        }
        long series = id.get();
        long start = from.toEpochMilli();
        long end = to.toEpochMilli();
        if (resolution == Resolution.RAW) {
            List<Sample> raw = raw(key, from, to, MAX_RAW_POINTS + 1);
            if (raw.size() > MAX_RAW_POINTS) {
                throw new InvalidValueException("to", to, "the range " + from + " to " + to + " holds more than "
                        + MAX_RAW_POINTS + " samples of " + key + ": narrow it, or ask for minute, hour or day points");
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

    @Override
    public Optional<Point> summary(SeriesKey key, Instant from, Instant to) {
        checkRange(from, to);
        Optional<Long> id = id(key);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return store.read(connection -> summary(connection, id.get(), from.toEpochMilli(), to.toEpochMilli(),
                COARSEST_FIRST)).map(p -> at(p, from.toEpochMilli()));
    }

    @Override
    public List<Sample> raw(SeriesKey key, Instant from, Instant to, int limit) {
        if (limit < 1) {
            throw new InvalidValueException("limit", limit, "must be 1 or more");
        }
        checkRange(from, to);
        Optional<Long> id = id(key);
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

    @Override
    public Optional<Sample> latest(SeriesKey key) {
        Optional<Long> id = id(key);
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

    @Override
    public List<SeriesKey> series(String kind, String source) {
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

    @Override
    public void retention(String kind, Duration retention) {
        SeriesKey.checkKind(kind);
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new InvalidValueException("retention", retention, "must be positive");
        }
        retentions.put(kind, retention);
    }

    @Override
    public Duration retention(String kind) {
        return retentions.getOrDefault(SeriesKey.checkKind(kind), DEFAULT_RETENTION);
    }

    @Override
    public long purge(String kind) {
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

    /**
     * Writes the samples that the schema migration moved out of 0.1's {@code metrics} table as blocks, one series per
     * transaction (its staged rows deleted in the same one), then drops the staging table. Their rollups were
     * computed by the migration. Runs once, when the platform starts; a run cut short continues at the next start.
     */
    public void adoptLegacySamples() {
        if (!store.read(connection -> tableExists(connection, TimeSeriesSchema.LEGACY_TABLE))) {
            return;
        }
        List<Long> series = store.read(connection -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT series_id FROM "
                    + TimeSeriesSchema.LEGACY_TABLE); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getLong(1));
                }
            }
            return out;
        });
        long moved = 0;
        writeLock.lock();
        try {
            for (long id : series) {
                moved += store.inTransaction(connection -> {
                    Map<RollupKey, Accumulator> minutes = new HashMap<>();
                    try (PreparedStatement query = connection.prepareStatement("SELECT ts, val FROM "
                            + TimeSeriesSchema.LEGACY_TABLE + " WHERE series_id = ?")) {
                        query.setLong(1, id);
                        try (ResultSet rows = query.executeQuery()) {
                            while (rows.next()) {
                                long ts = rows.getLong(1);
                                minutes.computeIfAbsent(new RollupKey(id, Resolution.MINUTE,
                                        Resolution.MINUTE.floor(ts)), k -> new Accumulator(true)).add(ts,
                                        rows.getDouble(2));
                            }
                        }
                    }
                    insertBlocks(connection, minutes);
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM "
                            + TimeSeriesSchema.LEGACY_TABLE + " WHERE series_id = ?")) {
                        delete.setLong(1, id);
                        return (long) delete.executeUpdate();
                    }
                });
            }
            store.inTransaction(connection -> {
                try (java.sql.Statement drop = connection.createStatement()) {
                    // IF EXISTS: another server sharing the store may have moved and dropped it meanwhile.
                    drop.execute("DROP TABLE IF EXISTS " + TimeSeriesSchema.LEGACY_TABLE);
                }
                return null;
            });
        } finally {
            writeLock.unlock();
        }
        if (moved > 0) {
            log.info("moved {} samples of {} series from Orbitr 0.1's metrics table into the time series", moved,
                    series.size());
        }
    }

    private static boolean tableExists(Connection connection, String name) throws SQLException {
        for (String candidate : List.of(name, name.toUpperCase(java.util.Locale.ROOT))) {
            // This schema's only: on a PostgreSQL database shared by several schemas another one may have it.
            try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(),
                    candidate, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Applies the retention of every kind that has series: what the platform runs every hour. Failures are logged,
     * so a scheduled run never dies.
     *
     * @return how many raw samples were deleted
     */
    public long purgeAll() {
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

    @Override
    public void delete(String kind, String source) {
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
            ids.entrySet().removeIf(e -> {
                boolean gone = e.getKey().kind().equals(kind) && e.getKey().source().equals(source);
                if (gone) {
                    newestBuckets.remove(e.getValue());
                }
                return gone;
            });
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

    /** The series' id, from the cache or the store; empty for a series that never had a sample. */
    private Optional<Long> id(SeriesKey key) {
        Objects.requireNonNull(key, "key");
        Long cached = ids.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Long> found = find(key);
        found.ifPresent(id -> ids.putIfAbsent(key, id));
        return found;
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
            return acc.count == 0 ? Optional.empty()
                    : Optional.of(new Point(Instant.ofEpochMilli(start), acc.count, acc.sum, acc.min, acc.max));
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

    private static void bindKey(PreparedStatement statement, SeriesKey key) throws SQLException {
        statement.setString(1, key.kind());
        statement.setString(2, key.source());
        statement.setString(3, key.metric());
    }

    /** Count, sum, min and max of one bucket while a batch is aggregated; for a minute, also its samples. */
    private static final class Accumulator {
        private final SampleBlock block;
        private long count;
        private double sum;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        Accumulator(boolean keepSamples) {
            this.block = keepSamples ? new SampleBlock() : null;
        }

        void add(long epochMillis, double value) {
            count++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
            if (block != null) {
                block.add(epochMillis, value);
            }
        }

        void add(Accumulator other) {
            count += other.count;
            sum += other.sum;
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
        }
    }

    /** A rollup row's key. */
    private record RollupKey(long seriesId, Resolution resolution, long bucketStart) {
    }
}
