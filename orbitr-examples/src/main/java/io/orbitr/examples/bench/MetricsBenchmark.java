package io.orbitr.examples.bench;

import io.orbitr.InvalidValueException;
import io.orbitr.core.Orbitr;
import io.orbitr.jdclient.JdClientFeatureProvider;
import io.orbitr.jdclient.metrics.MetricSample;
import io.orbitr.jdclient.metrics.MetricStore;
import io.orbitr.metrics.Point;
import io.orbitr.metrics.Resolution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.Stores;
import io.orbitr.examples.launcher.StoreOptions;
import io.orbitr.store.PostgresqlSettings;
import io.orbitr.store.StoreSettings;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orbitr bench metrics}: ingests one instance's per-second samples for a week (604,800 rows) into the H2 file
 * store through {@link MetricStore} (raw rows plus rollups maintained at ingest) and aggregates them by hour and by
 * day; then does the same with the seed's design, one raw SQLite table aggregated at query time with GROUP BY, in
 * the same run. Both stores are first warmed up with two days of samples in throwaway files, so the JIT has compiled
 * both paths; query figures are the median of several runs after one warm-up run. Besides wall-clock rows per
 * second, the ingest is also reported per second of the process's CPU time, which does not depend on what else the
 * machine runs. With {@code --store postgresql://...} the same ingest and queries also run on PostgreSQL (a schema
 * of the run's own, dropped after it), printed beside H2's from the same run; its CPU figure counts this process
 * only, not the database server's.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Ingest and aggregate 7 days of per-second samples: H2 against the seed's SQLite design.")
public final class MetricsBenchmark implements Callable<Integer> {
    private static final Instant START = Instant.parse("2026-05-04T00:00:00Z");
    private static final String METRIC = "process.cpu_percent";

    @Option(names = "--days", description = "Days of per-second samples (default: ${DEFAULT-VALUE}).")
    int days = 7;

    @Option(names = "--chunk", description = "Samples per ingest transaction (default: ${DEFAULT-VALUE}, one hour).")
    int chunk = 3600;

    @Option(names = "--runs", description = "Measured runs of each query (default: ${DEFAULT-VALUE}).")
    int runs = 5;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Override
    public Integer call() throws Exception {
        if (days < 1 || chunk < 1 || runs < 1) {
            throw new InvalidValueException("--days, --chunk and --runs", days + ", " + chunk + ", " + runs,
                    "must each be 1 or more");
        }
        StoreSettings storeSettings = store.settings();
        Optional<PostgresqlSettings> postgresql = storeSettings instanceof PostgresqlSettings pg ? Optional.of(pg)
                : Optional.empty();
        Figures figures = new Figures(System.out);
        int rows = days * 86_400;
        Instant end = START.plusSeconds(rows);
        String source = UUID.randomUUID().toString();
        Path dir = Files.createTempDirectory("orbitr-bench-metrics");
        try {
            // Warm-up runs into throwaway stores, so the JIT has compiled both paths before anything is measured.
            int warmRows = rows;
            h2(dir.resolve("h2-warm-up"), source, warmRows, START.plusSeconds(warmRows));
            sqlite(dir.resolve("seed-warm-up.db"), source, warmRows, START.plusSeconds(warmRows));
            Result h2 = h2(dir.resolve("h2"), source, rows, end);
            Result sqlite = sqlite(dir.resolve("seed.db"), source, rows, end);
            figures.figure("rows", rows);
            print("h2", h2, figures);
            print("sqlite", sqlite, figures);
            figures.ratio("h2/sqlite", "hourly", h2.hourlyMs() / sqlite.hourlyMs());
            figures.ratio("h2/sqlite", "daily", h2.dailyMs() / sqlite.dailyMs());
            figures.ratio("h2/sqlite", "ingest rows/s", h2.rowsPerSecond() / sqlite.rowsPerSecond());
            if (postgresql.isPresent()) {
                Result pg = postgresql(postgresql.get(), dir, source, rows, end);
                print("postgresql", pg, figures);
                figures.ratio("postgresql/h2", "ingest", pg.rowsPerSecond() / h2.rowsPerSecond());
                figures.ratio("postgresql/h2", "hourly", pg.hourlyMs() / h2.hourlyMs());
                figures.ratio("postgresql/h2", "daily", pg.dailyMs() / h2.dailyMs());
            }
            return 0;
        } finally {
            deleteTree(dir);
        }
    }

    /** Prints one store's ingest and query figures, named after it. */
    private static void print(String store, Result result, Figures figures) {
        figures.figure(store + " ingest rows/s", result.rowsPerSecond());
        figures.figure(store + " ingest rows/cpu-s", result.rowsPerCpuSecond());
        figures.figure(store + " hourly ms", result.hourlyMs());
        figures.figure(store + " daily ms", result.dailyMs());
    }

    /** Warms up on one day of samples, then measures, each in a schema of its own that is dropped after. */
    private Result postgresql(PostgresqlSettings given, Path dir, String source, int rows, Instant end) {
        int warmRows = Math.min(rows, 86_400);
        measure(schema(given), dir.resolve("pg-warm-up"), source, warmRows, START.plusSeconds(warmRows));
        return measure(schema(given), dir.resolve("pg"), source, rows, end);
    }

    private static PostgresqlSettings schema(PostgresqlSettings given) {
        return PostgresqlSettings.builder(given.url()).user(given.user()).password(given.password())
                .maxPoolSize(given.maxPoolSize()).schema("bench_metrics_" + UUID.randomUUID().toString()
                        .replace("-", "").substring(0, 12)).build();
    }

    private Result measure(PostgresqlSettings settings, Path dataDir, String source, int rows, Instant end) {
        try {
            return run(Orbitr.builder().store(settings), dataDir, source, rows, end);
        } finally {
            try (JdbcStore admin = Stores.open(settings, dataDir)) {
                admin.inTransaction(connection -> {
                    try (Statement drop = connection.createStatement()) {
                        drop.execute("DROP SCHEMA " + settings.schema().orElseThrow() + " CASCADE");
                    }
                    return null;
                });
            }
        }
    }

    private Result h2(Path dataDir, String source, int rows, Instant end) {
        return run(Orbitr.builder(), dataDir, source, rows, end);
    }

    private Result run(Orbitr.Builder builder, Path dataDir, String source, int rows, Instant end) {
        Clock clock = Clock.fixed(end, ZoneOffset.UTC);
        try (Orbitr orbitr = builder.noDiscovery().register(new JdClientFeatureProvider())
                .dataDirectory(dataDir).clock(clock).build()) {
            MetricStore store = new MetricStore(orbitr.timeSeries(), Duration.ofDays(days + 1L));
            long cpuBefore = ProcessCpu.nanos();
            long began = System.nanoTime();
            for (int offset = 0; offset < rows; offset += chunk) {
                List<MetricSample> samples = new ArrayList<>(chunk);
                for (int i = offset; i < Math.min(rows, offset + chunk); i++) {
                    samples.add(new MetricSample(source, METRIC, START.plusSeconds(i), value(i)));
                }
                store.ingest(samples);
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            double cpuSeconds = (ProcessCpu.nanos() - cpuBefore) / 1e9;
            double hourly = median(() -> check(store.series(source, METRIC, START, end, Resolution.HOUR), rows,
                    rows / 3600));
            double daily = median(() -> check(store.series(source, METRIC, START, end, Resolution.DAY), rows,
                    rows / 86_400));
            return new Result(rows / seconds, rows / cpuSeconds, hourly, daily);
        }
    }

    private Result sqlite(Path file, String source, int rows, Instant end) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE metrics (source TEXT NOT NULL, metric TEXT NOT NULL, ts INTEGER NOT NULL,"
                        + " metric_value REAL NOT NULL)");
                ddl.execute("CREATE INDEX metrics_by_source ON metrics (source, metric, ts)");
            }
            connection.setAutoCommit(false);
            long cpuBefore = ProcessCpu.nanos();
            long began = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO metrics (source, metric, ts,"
                    + " metric_value) VALUES (?, ?, ?, ?)")) {
                for (int offset = 0; offset < rows; offset += chunk) {
                    for (int i = offset; i < Math.min(rows, offset + chunk); i++) {
                        insert.setString(1, source);
                        insert.setString(2, METRIC);
                        insert.setLong(3, START.plusSeconds(i).toEpochMilli());
                        insert.setDouble(4, value(i));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    connection.commit();
                }
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            double cpuSeconds = (ProcessCpu.nanos() - cpuBefore) / 1e9;
            double hourly = median(() -> sqliteSeries(connection, source, end, 3_600_000L, rows, rows / 3600));
            double daily = median(() -> sqliteSeries(connection, source, end, 86_400_000L, rows, rows / 86_400));
            return new Result(rows / seconds, rows / cpuSeconds, hourly, daily);
        }
    }

    /** The seed's query: GROUP BY over every raw row of the range. */
    private static void sqliteSeries(Connection connection, String source, Instant end, long bucket, int rows,
            int buckets) {
        try (PreparedStatement query = connection.prepareStatement("SELECT (ts / ?) * ? AS bucket, COUNT(*),"
                + " SUM(metric_value), MIN(metric_value), MAX(metric_value) FROM metrics WHERE source = ?"
                + " AND metric = ? AND ts >= ? AND ts < ? GROUP BY bucket ORDER BY bucket")) {
            query.setLong(1, bucket);
            query.setLong(2, bucket);
            query.setString(3, source);
            query.setString(4, METRIC);
            query.setLong(5, START.toEpochMilli());
            query.setLong(6, end.toEpochMilli());
            long count = 0;
            int seen = 0;
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    count += result.getLong(2);
                    seen++;
                }
            }
            if (count != rows || seen != buckets) {
                throw new IllegalStateException("sqlite aggregated " + count + " rows into " + seen + " buckets");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(List<Point> points, int rows, int buckets) {
        long count = points.stream().mapToLong(p -> p.count()).sum();
        if (count != rows || points.size() != buckets) {
            throw new IllegalStateException("h2 aggregated " + count + " rows into " + points.size() + " buckets");
        }
    }

    /** One warm-up run, then the median of the measured runs, in milliseconds. */
    private double median(Runnable query) {
        query.run();
        double[] ms = new double[Math.max(1, runs)];
        for (int i = 0; i < ms.length; i++) {
            long began = System.nanoTime();
            query.run();
            ms[i] = (System.nanoTime() - began) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    /** A CPU-like curve: a daily wave with per-second jitter. */
    private static double value(int second) {
        return 20 + 15 * Math.sin(second * 2 * Math.PI / 86_400) + (second * 7919 % 100) / 10.0;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The figures of one store. */
    private record Result(double rowsPerSecond, double rowsPerCpuSecond, double hourlyMs, double dailyMs) {
    }

}
