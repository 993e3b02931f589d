package io.orbitr.core.metrics;

import io.orbitr.OrbitrException;
import io.orbitr.metrics.Resolution;
import io.orbitr.metrics.Sample;
import io.orbitr.metrics.SeriesKey;
import io.orbitr.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes samples: each ingest groups its samples per series and minute in memory, writes each group as one
 * {@link SampleBlock} row, and adds the groups to the minute, hour and day rollups, all in one transaction.
 *
 * <p>An ingest holds the time series' write lock (shared with {@link SeriesRetention} and
 * {@link LegacySampleAdoption}) from resolving ids to remembering the newest buckets: rollup rows are
 * read-modify-written, and the remembered newest buckets decide between INSERT and UPDATE, so two writers at once
 * could lose a sum or insert a bucket twice. The newest buckets are in a {@link ConcurrentHashMap} because a delete
 * drops entries of it; they are only ever read and written under the write lock.
 */
final class SampleIngest {
    /** Rows per multi-row INSERT: H2 runs one statement of many rows for far less than as many statements. */
    private static final int ROWS_PER_INSERT = 200;

    private final Store store;
    private final SeriesIds ids;
    private final ReentrantLock writeLock;
    /** Per series id, the newest rollup bucket start per resolution (by ordinal), as committed. */
    private final Map<Long, long[]> newestBuckets = new ConcurrentHashMap<>();

    /**
     * @param store the platform's store, migrated with {@link TimeSeriesSchema}
     * @param ids the series id registry
     * @param writeLock the time series' write lock, serialising ingests, purges, deletes and legacy adoption
     */
    SampleIngest(Store store, SeriesIds ids, ReentrantLock writeLock) {
        this.store = Objects.requireNonNull(store, "store");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.writeLock = Objects.requireNonNull(writeLock, "writeLock");
    }

    /** @see io.orbitr.metrics.TimeSeries#ingest(Collection) */
    void ingest(Collection<? extends Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        List<Sample> all = List.copyOf(samples);
        writeLock.lock();
        try {
            Map<SeriesKey, Long> batchIds = ids.resolve(all);
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
     * Forgets the newest buckets of deleted series; the caller holds the write lock.
     *
     * @param seriesIds the deleted series' ids
     */
    void forget(Collection<Long> seriesIds) {
        seriesIds.forEach(newestBuckets::remove);
    }

    /**
     * Writes each minute's samples as blocks of at most {@link SampleBlock#MAX_SAMPLES}, with multi-row INSERTs; the
     * caller holds the write lock and the transaction.
     *
     * @param minutes per series and minute, an accumulator that kept its samples
     */
    static void insertBlocks(Connection connection, Map<RollupKey, Accumulator> minutes) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<RollupKey, Accumulator> minute : minutes.entrySet()) {
            SampleBlock block = minute.getValue().block();
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
                    update.setLong(1, a.count());
                    update.setDouble(2, a.sum());
                    update.setDouble(3, a.min());
                    update.setDouble(4, a.min());
                    update.setDouble(5, a.max());
                    update.setDouble(6, a.max());
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
                    insert.setLong(p++, a.count());
                    insert.setDouble(p++, a.sum());
                    insert.setDouble(p++, a.min());
                    insert.setDouble(p++, a.max());
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
                    for (Resolution r : RollupKey.COARSEST_FIRST) {
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
}
