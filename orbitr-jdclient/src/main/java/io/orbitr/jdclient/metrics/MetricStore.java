package io.orbitr.jdclient.metrics;

import io.orbitr.InvalidValueException;
import io.orbitr.jdclient.store.Sql;
import io.orbitr.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time series of the jd-client instances: raw samples in the store's {@code metrics} table (source = instance id)
 * and, maintained in the same transaction, per-minute, per-hour and per-day rollups (count, sum, min, max) in
 * {@code jdc_metric_rollups}. Aggregated queries read the rollups for whole buckets and the raw rows only for the
 * ragged edges of a range, so their cost does not grow with the number of samples. Thread-safe: ingests are
 * serialised, because rollup rows are read-modify-written.
 */
public final class MetricStore {
    /** How long samples are kept by default. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(MetricStore.class);
    private static final int ROWS_PER_STATEMENT = 500;
    private static final int BATCH_ROWS = 2_000;
    private static final String ROLLUPS = MetricsSchema.ROLLUPS;
    /** Coarsest first: a range is covered by the largest whole buckets that fit. */
    private static final List<Granularity> COARSEST_FIRST = List.of(Granularity.DAY, Granularity.HOUR,
            Granularity.MINUTE);

    private final Store store;
    private final Clock clock;
    private final Duration retention;
    private final ReentrantLock ingestLock = new ReentrantLock();

    /**
     * @param store     the platform's store, migrated with the core schema and {@link MetricsSchema}
     * @param clock     decides what is older than the retention
     * @param retention how long samples are kept
     */
    public MetricStore(Store store, Clock clock, Duration retention) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new InvalidValueException("retention", retention, "must be positive");
        }
    }

    /**
     * Stores samples and updates their rollups, in one transaction.
     *
     * @param samples the samples, in any order
     */
    public void ingest(Collection<MetricSample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        Map<RollupKey, Summary> rollups = rollups(samples);
        ingestLock.lock();
        try {
            store.inTransaction(connection -> {
                insertRaw(connection, samples);
                mergeRollups(connection, rollups);
                return null;
            });
        } finally {
            ingestLock.unlock();
        }
    }

    /**
     * Aggregates the samples per minute, then the minutes per hour and day (minutes nest in both), so each sample
     * costs one map lookup.
     */
    private static Map<RollupKey, Summary> rollups(Collection<MetricSample> samples) {
        Map<RollupKey, Accumulator> minutes = new HashMap<>();
        for (MetricSample sample : samples) {
            minutes.computeIfAbsent(new RollupKey(sample.source(), sample.metric(), Granularity.MINUTE,
                    Granularity.MINUTE.floor(sample.epochMillis())), k -> new Accumulator()).add(sample.value());
        }
        Map<RollupKey, Summary> out = new HashMap<>();
        minutes.forEach((minute, acc) -> {
            Summary summary = acc.summary();
            out.put(minute, summary);
            for (Granularity g : List.of(Granularity.HOUR, Granularity.DAY)) {
                out.merge(new RollupKey(minute.source(), minute.metric(), g, g.floor(minute.bucketStart())), summary,
                        Summary::plus);
            }
        });
        return out;
    }

    /**
     * @param source an instance id
     * @param metric a metric name
     * @param from   the range's start, inclusive
     * @param to     the range's end, exclusive
     * @param limit  the most samples to return
     * @return the raw samples in the range, oldest first
     */
    public List<MetricSample> raw(String source, String metric, Instant from, Instant to, int limit) {
        if (limit < 1) {
            throw new InvalidValueException("limit", limit, "must be 1 or more");
        }
        return store.read(connection -> Sql.list(connection, "SELECT ts, metric_value FROM metrics WHERE source = ?"
                + " AND metric = ? AND ts >= ? AND ts < ? ORDER BY ts", limit, rows -> new MetricSample(source, metric,
                Instant.ofEpochMilli(rows.getLong(1)), rows.getDouble(2)), source, metric, from.toEpochMilli(),
                to.toEpochMilli()));
    }

    /**
     * @param source an instance id
     * @param metric a metric name
     * @return the newest sample, or empty when there is none
     */
    public Optional<MetricSample> latest(String source, String metric) {
        return store.read(connection -> latest(connection, source, metric));
    }

    /**
     * @param source an instance id
     * @return the newest sample of each of its metrics, by metric name
     */
    public Map<String, MetricSample> latest(String source) {
        return store.read(connection -> {
            Map<String, MetricSample> out = new LinkedHashMap<>();
            for (String metric : metricNames(connection, source)) {
                latest(connection, source, metric).ifPresent(s -> out.put(metric, s));
            }
            return out;
        });
    }

    /**
     * @param source an instance id
     * @return the names of the metrics it has samples of, sorted
     */
    public List<String> metricNames(String source) {
        return store.read(connection -> metricNames(connection, source));
    }

    /**
     * @param source an instance id
     * @param metric a metric name
     * @param from   the range's start, inclusive
     * @param to     the range's end, exclusive
     * @return count, sum, min, max and mean over the range, or empty when it holds no sample
     */
    public Optional<Summary> summary(String source, String metric, Instant from, Instant to) {
        checkRange(from, to);
        return store.read(connection -> summary(connection, source, metric, from.toEpochMilli(), to.toEpochMilli(),
                COARSEST_FIRST));
    }

    /**
     * @param source      an instance id
     * @param metric      a metric name
     * @param from        the range's start, inclusive
     * @param to          the range's end, exclusive
     * @param granularity the bucket size
     * @return one point per bucket that holds samples, oldest first; buckets cut by the range's edges cover only the
     *     part inside the range
     */
    public List<SeriesPoint> series(String source, String metric, Instant from, Instant to, Granularity granularity) {
        checkRange(from, to);
        long start = from.toEpochMilli();
        long end = to.toEpochMilli();
        long firstWhole = granularity.ceil(start);
        long lastWhole = granularity.floor(end);
        List<Granularity> finer = COARSEST_FIRST.subList(COARSEST_FIRST.indexOf(granularity) + 1,
                COARSEST_FIRST.size());
        return store.read(connection -> {
            List<SeriesPoint> out = new ArrayList<>();
            if (firstWhole >= lastWhole) {
                summary(connection, source, metric, start, end, finer).ifPresent(s ->
                        out.add(new SeriesPoint(Instant.ofEpochMilli(granularity.floor(start)), s)));
                return out;
            }
            if (start < firstWhole) {
                summary(connection, source, metric, start, firstWhole, finer).ifPresent(s ->
                        out.add(new SeriesPoint(Instant.ofEpochMilli(granularity.floor(start)), s)));
            }
            out.addAll(rollupPoints(connection, source, metric, granularity, firstWhole, lastWhole));
            if (lastWhole < end) {
                summary(connection, source, metric, lastWhole, end, finer).ifPresent(s ->
                        out.add(new SeriesPoint(Instant.ofEpochMilli(lastWhole), s)));
            }
            return out;
        });
    }

    /**
     * @param source an instance id
     * @param from   the range's start, inclusive
     * @param to     the range's end, exclusive
     * @return the percentage of {@link MetricNames#PROCESS_UP} samples that were up, or empty without samples
     */
    public OptionalDouble uptimePercent(String source, Instant from, Instant to) {
        return summary(source, MetricNames.PROCESS_UP, from, to).map(s -> OptionalDouble.of(100.0 * s.avg()))
                .orElse(OptionalDouble.empty());
    }

    /**
     * Deletes samples older than the retention, and rollup buckets that ended before it.
     *
     * @return how many raw samples were deleted
     */
    public long cleanup() {
        long cutoff = clock.millis() - retention.toMillis();
        ingestLock.lock();
        try {
            long deleted = store.inTransaction(connection -> {
                long rows = 0;
                // Per source and metric, so each delete walks the (source, metric, ts) index, not the whole table.
                for (String[] series : Sql.list(connection, "SELECT DISTINCT source, metric FROM " + ROLLUPS
                        + " WHERE bucket_ms = ?", r -> new String[] {r.getString(1), r.getString(2)},
                        Granularity.DAY.millis())) {
                    rows += Sql.update(connection, "DELETE FROM metrics WHERE source = ? AND metric = ? AND ts < ?",
                            series[0], series[1], cutoff);
                }
                Sql.update(connection, "DELETE FROM " + ROLLUPS + " WHERE bucket_start + bucket_ms <= ?", cutoff);
                return rows;
            });
            if (deleted > 0) {
                log.debug("deleted {} metric samples older than {}", deleted, Instant.ofEpochMilli(cutoff));
            }
            return deleted;
        } finally {
            ingestLock.unlock();
        }
    }

    /**
     * Deletes every sample and rollup of a source, for example of a deleted instance.
     *
     * @param source an instance id
     */
    public void deleteSource(String source) {
        ingestLock.lock();
        try {
            store.inTransaction(connection -> {
                Sql.update(connection, "DELETE FROM metrics WHERE source = ?", source);
                Sql.update(connection, "DELETE FROM " + ROLLUPS + " WHERE source = ?", source);
                return null;
            });
        } finally {
            ingestLock.unlock();
        }
    }

    /**
     * Inserts with multi-row statements ({@value #ROWS_PER_STATEMENT} rows each) sent in JDBC batches: H2 executes
     * each statement as one command, which costs about 40% less CPU per row than one statement per row (measured with 100 to 500 rows).
     */
    private static void insertRaw(Connection connection, Collection<MetricSample> samples) throws SQLException {
        List<MetricSample> all = List.copyOf(samples);
        int whole = all.size() / ROWS_PER_STATEMENT * ROWS_PER_STATEMENT;
        if (whole > 0) {
            try (PreparedStatement insert = connection.prepareStatement(insertSql(ROWS_PER_STATEMENT))) {
                int pending = 0;
                for (int start = 0; start < whole; start += ROWS_PER_STATEMENT) {
                    for (int row = 0; row < ROWS_PER_STATEMENT; row++) {
                        bindSample(insert, row * 4, all.get(start + row));
                    }
                    insert.addBatch();
                    if (++pending * ROWS_PER_STATEMENT >= BATCH_ROWS) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
        }
        if (whole < all.size()) {
            List<MetricSample> rest = all.subList(whole, all.size());
            try (PreparedStatement insert = connection.prepareStatement(insertSql(rest.size()))) {
                for (int row = 0; row < rest.size(); row++) {
                    bindSample(insert, row * 4, rest.get(row));
                }
                insert.executeUpdate();
            }
        }
    }

    private static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO metrics (source, metric, ts, metric_value) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
        }
        return sql.toString();
    }

    private static void bindSample(PreparedStatement insert, int offset, MetricSample sample) throws SQLException {
        insert.setString(offset + 1, sample.source());
        insert.setString(offset + 2, sample.metric());
        insert.setLong(offset + 3, sample.epochMillis());
        insert.setDouble(offset + 4, sample.value());
    }

    /**
     * Adds to existing buckets with one batch of UPDATEs, then INSERTs the buckets no row matched: portable SQL
     * (no MERGE dialects), safe because ingests are serialised.
     */
    private static void mergeRollups(Connection connection, Map<RollupKey, Summary> rollups) throws SQLException {
        List<Map.Entry<RollupKey, Summary>> entries = new ArrayList<>(rollups.entrySet());
        int[] updated;
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + ROLLUPS + " SET"
                + " sample_count = sample_count + ?, value_sum = value_sum + ?,"
                + " value_min = CASE WHEN value_min < ? THEN value_min ELSE ? END,"
                + " value_max = CASE WHEN value_max > ? THEN value_max ELSE ? END"
                + " WHERE source = ? AND metric = ? AND bucket_ms = ? AND bucket_start = ?")) {
            for (Map.Entry<RollupKey, Summary> e : entries) {
                Summary s = e.getValue();
                update.setLong(1, s.count());
                update.setDouble(2, s.sum());
                update.setDouble(3, s.min());
                update.setDouble(4, s.min());
                update.setDouble(5, s.max());
                update.setDouble(6, s.max());
                bindKey(update, 7, e.getKey());
                update.addBatch();
            }
            updated = update.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + ROLLUPS + " (source, metric,"
                + " bucket_ms, bucket_start, sample_count, value_sum, value_min, value_max)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            boolean any = false;
            for (int i = 0; i < entries.size(); i++) {
                if (updated[i] == 0) {
                    Summary s = entries.get(i).getValue();
                    bindKey(insert, 1, entries.get(i).getKey());
                    insert.setLong(5, s.count());
                    insert.setDouble(6, s.sum());
                    insert.setDouble(7, s.min());
                    insert.setDouble(8, s.max());
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    private static void bindKey(PreparedStatement statement, int first, RollupKey key) throws SQLException {
        statement.setString(first, key.source());
        statement.setString(first + 1, key.metric());
        statement.setLong(first + 2, key.granularity().millis());
        statement.setLong(first + 3, key.bucketStart());
    }

    /**
     * Covers [start, end) with the coarsest whole buckets that fit and recurses with finer ones into the ragged
     * edges; what no bucket covers is read from the raw rows.
     */
    private static Optional<Summary> summary(Connection connection, String source, String metric, long start,
            long end, List<Granularity> levels) throws SQLException {
        if (start >= end) {
            return Optional.empty();
        }
        if (levels.isEmpty()) {
            return aggregate(connection, "SELECT COUNT(*), SUM(metric_value), MIN(metric_value), MAX(metric_value)"
                    + " FROM metrics WHERE source = ? AND metric = ? AND ts >= ? AND ts < ?", source, metric, start,
                    end);
        }
        Granularity g = levels.get(0);
        List<Granularity> finer = levels.subList(1, levels.size());
        long firstWhole = g.ceil(start);
        long lastWhole = g.floor(end);
        if (firstWhole >= lastWhole) {
            return summary(connection, source, metric, start, end, finer);
        }
        Optional<Summary> middle = aggregate(connection, "SELECT SUM(sample_count), SUM(value_sum), MIN(value_min),"
                + " MAX(value_max) FROM " + ROLLUPS + " WHERE source = ? AND metric = ? AND bucket_ms = "
                + g.millis() + " AND bucket_start >= ? AND bucket_start < ?", source, metric, firstWhole, lastWhole);
        return combine(combine(summary(connection, source, metric, start, firstWhole, finer), middle),
                summary(connection, source, metric, lastWhole, end, finer));
    }

    private static Optional<Summary> aggregate(Connection connection, String sql, String source, String metric,
            long from, long to) throws SQLException {
        // COUNT or SUM(sample_count) is 0 or NULL when nothing matched; the aggregates are then NULL too.
        return Sql.first(connection, sql, rows -> rows.getLong(1) == 0 ? Optional.<Summary>empty()
                : Optional.of(new Summary(rows.getLong(1), rows.getDouble(2), rows.getDouble(3), rows.getDouble(4))),
                source, metric, from, to).flatMap(summary -> summary);
    }

    private static List<SeriesPoint> rollupPoints(Connection connection, String source, String metric,
            Granularity g, long from, long to) throws SQLException {
        return Sql.list(connection, "SELECT bucket_start, sample_count, value_sum, value_min, value_max FROM "
                + ROLLUPS + " WHERE source = ? AND metric = ? AND bucket_ms = ? AND bucket_start >= ?"
                + " AND bucket_start < ? ORDER BY bucket_start", rows -> new SeriesPoint(
                Instant.ofEpochMilli(rows.getLong(1)), new Summary(rows.getLong(2), rows.getDouble(3),
                rows.getDouble(4), rows.getDouble(5))), source, metric, g.millis(), from, to);
    }

    private static Optional<MetricSample> latest(Connection connection, String source, String metric)
            throws SQLException {
        return Sql.first(connection, "SELECT ts, metric_value FROM metrics WHERE source = ? AND metric = ?"
                + " ORDER BY ts DESC FETCH FIRST 1 ROWS ONLY", rows -> new MetricSample(source, metric,
                Instant.ofEpochMilli(rows.getLong(1)), rows.getDouble(2)), source, metric);
    }

    /** Reads the day rollups, a few rows per metric, instead of scanning the raw table. */
    private static List<String> metricNames(Connection connection, String source) throws SQLException {
        return Sql.list(connection, "SELECT DISTINCT metric FROM " + ROLLUPS + " WHERE source = ? AND bucket_ms = ?"
                + " ORDER BY metric", rows -> rows.getString(1), source, Granularity.DAY.millis());
    }

    private static Optional<Summary> combine(Optional<Summary> a, Optional<Summary> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : Optional.of(a.get().plus(b.get()));
    }

    private static void checkRange(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new InvalidValueException("to", to, "must be after from (" + from + ")");
        }
    }

    /** Count, sum, min and max of one bucket while a batch is aggregated. */
    private static final class Accumulator {
        private long count;
        private double sum;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        void add(double value) {
            count++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }

        Summary summary() {
            return new Summary(count, sum, min, max);
        }
    }

    /** A rollup row's key. */
    private record RollupKey(String source, String metric, Granularity granularity, long bucketStart) {
    }
}
