package io.orbitr.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.core.Orbitr;
import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.core.store.Stores;
import io.orbitr.metrics.Point;
import io.orbitr.metrics.Resolution;
import io.orbitr.metrics.Sample;
import io.orbitr.metrics.SeriesKey;
import io.orbitr.metrics.TimeSeries;
import io.orbitr.testing.ManualClock;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@Timeout(60)
@OnEveryStore
class JdbcTimeSeriesTest {
    private static final Instant T0 = Instant.parse("2026-05-04T00:00:00Z");
    private final ManualClock clock = new ManualClock(T0.plus(Duration.ofDays(1)));

    @Parameter
    TestStore store;

    private Orbitr open() {
        return Orbitr.builder().noDiscovery().store(store.settings()).dataDirectory(store.dataDirectory()).clock(clock)
                .build();
    }

    @Test
    void movesTheSamplesOfTheOldMetricsTableInWithTheirRollups(@TempDir Path data) {
        // A database as 0.1 left it: the core tables, with jd-client samples in `metrics`.
        try (JdbcStore old = Stores.open(store.durableSettings(), data)) {
            new SchemaMigrator(old, clock).migrate(Map.of(CoreSchema.COMPONENT, CoreSchema.migrations()));
            old.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO metrics (source, metric, ts, metric_value) VALUES (?, ?, ?, ?)")) {
                    for (int s = 0; s < 7200; s += 10) {
                        for (String source : List.of("instance-a", "instance-b")) {
                            insert.setString(1, source);
                            insert.setString(2, "process.cpu_percent");
                            insert.setLong(3, T0.plusSeconds(s).toEpochMilli());
                            insert.setDouble(4, s < 3600 ? 10 : 30);
                            insert.addBatch();
                        }
                    }
                    insert.executeBatch();
                }
                return null;
            });
        }
        try (Orbitr orbitr = Orbitr.builder().noDiscovery().store(store.durableSettings()).dataDirectory(data)
                .clock(clock).build()) {
            TimeSeries series = orbitr.timeSeries();
            SeriesKey a = SeriesKey.of("jdclient", "instance-a", "process.cpu_percent");
            assertThat(series.range(a, Resolution.HOUR, T0, T0.plusSeconds(7200))).extracting(Point::count,
                    Point::avg).containsExactly(org.assertj.core.groups.Tuple.tuple(360L, 10.0),
                    org.assertj.core.groups.Tuple.tuple(360L, 30.0));
            assertThat(series.range(a, Resolution.MINUTE, T0, T0.plusSeconds(7200))).hasSize(120);
            assertThat(series.raw(a, T0, T0.plusSeconds(7200), 1000)).hasSize(720);
            assertThat(series.series("jdclient", "instance-b")).extracting(SeriesKey::metric)
                    .containsExactly("process.cpu_percent");
            assertThat(tableExists(orbitr, "METRICS") || tableExists(orbitr, "metrics")).as("the old table is gone")
                    .isFalse();
        }
    }

    @Test
    void keepsEachKindForItsRetention() {
        try (Orbitr orbitr = open()) {
            JdbcTimeSeries series = (JdbcTimeSeries) orbitr.timeSeries();
            SeriesKey shortLived = SeriesKey.of("sensor", "hall", "temperature");
            SeriesKey kept = SeriesKey.of("container", "abc", "cpu_percent");
            List<Sample> samples = new ArrayList<>();
            for (int day = 0; day < 10; day++) {
                samples.add(new Sample(shortLived, T0.plus(Duration.ofDays(day)), day));
                samples.add(new Sample(kept, T0.plus(Duration.ofDays(day)), day));
            }
            series.ingest(samples);
            series.retention("sensor", Duration.ofDays(2));
            clock.set(T0.plus(Duration.ofDays(10)));
            assertThat(series.purgeAll()).isEqualTo(8 + 3);
            assertThat(series.summary(shortLived, T0, clock.instant()).orElseThrow().count()).isEqualTo(2);
            assertThat(series.summary(kept, T0, clock.instant()).orElseThrow().count()).isEqualTo(7);
            assertThat(series.range(kept, Resolution.DAY, T0, clock.instant())).hasSize(7);
            assertThat(series.latest(kept)).map(Sample::value).contains(9.0);
            series.delete("container", "abc");
            assertThat(series.series("container", "abc")).isEmpty();
            assertThat(series.latest(kept)).isEmpty();
        }
    }

    @Test
    void addsToTheBucketsAnEarlierRunWroteAndToEarlierBucketsArrivingLate() {
        try (Orbitr orbitr = open()) {
            SeriesKey key = SeriesKey.of("sensor", "hall", "temperature");
            orbitr.timeSeries().ingest(List.of(new Sample(key, T0.plusSeconds(10), 1),
                    new Sample(key, T0.plusSeconds(3700), 5)));
            // A second store object knows nothing of the first one's buckets, as after a restart.
            JdbcTimeSeries restarted = new JdbcTimeSeries(orbitr.store(), clock);
            restarted.ingest(List.of(new Sample(key, T0.plusSeconds(20), 3), new Sample(key, T0.plusSeconds(3710), 7)));
            restarted.ingest(List.of(new Sample(key, T0.plusSeconds(30), 2)));   // late, into an older bucket
            assertThat(restarted.range(key, Resolution.MINUTE, T0, T0.plusSeconds(7200))).extracting(Point::count,
                    Point::sum).containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 6.0),
                    org.assertj.core.groups.Tuple.tuple(2L, 12.0));
            assertThat(restarted.range(key, Resolution.HOUR, T0, T0.plusSeconds(7200))).extracting(Point::count)
                    .containsExactly(3L, 2L);
            assertThat(restarted.range(key, Resolution.DAY, T0, T0.plus(Duration.ofDays(1)))).singleElement()
                    .satisfies(p -> {
                        assertThat(p.count()).isEqualTo(5);
                        assertThat(p.min()).isEqualTo(1);
                        assertThat(p.max()).isEqualTo(7);
                    });
            assertThat(restarted.raw(key, T0, T0.plusSeconds(60), 10)).extracting(Sample::value)
                    .containsExactly(1.0, 3.0, 2.0);
            assertThat(restarted.latest(key)).map(Sample::value).contains(7.0);
        }
    }

    @Test
    void refusesBadKeysRangesAndLimits() {
        try (Orbitr orbitr = open()) {
            TimeSeries series = orbitr.timeSeries();
            SeriesKey key = SeriesKey.of("sensor", "hall", "temperature");
            assertThatThrownBy(() -> SeriesKey.of("Sensor", "hall", "t")).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("kind");
            assertThatThrownBy(() -> SeriesKey.of("sensor", "hall", "Temp C")).hasMessageContaining("metric");
            assertThatThrownBy(() -> series.range(key, Resolution.HOUR, T0, T0)).hasMessageContaining("to");
            assertThatThrownBy(() -> series.raw(key, T0, T0.plusSeconds(1), 0)).hasMessageContaining("limit");
            assertThatThrownBy(() -> series.retention("sensor", Duration.ZERO)).hasMessageContaining("retention");
            assertThatThrownBy(() -> Resolution.parse("weekly")).hasMessageContaining("raw, minute, hour, day");
            assertThat(series.range(key, Resolution.MINUTE, T0, T0.plusSeconds(60))).isEmpty();
            series.ingest(List.of(new Sample(key, T0, 1), new Sample(key, T0.plusMillis(1), 2)));
            assertThat(series.range(key, Resolution.RAW, T0, T0.plusSeconds(1))).extracting(Point::sum)
                    .containsExactly(1.0, 2.0);
        }
    }

    private static boolean tableExists(Orbitr orbitr, String name) {
        return orbitr.store().read(connection -> {
            // In this store's schema only: the PostgreSQL test database holds other tests' schemas too.
            try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), name, null)) {
                return tables.next();
            }
        });
    }
}
