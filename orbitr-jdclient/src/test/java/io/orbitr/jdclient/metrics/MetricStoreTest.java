package io.orbitr.jdclient.metrics;

import io.orbitr.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.orbitr.InvalidValueException;
import io.orbitr.core.Orbitr;
import io.orbitr.jdclient.JdClientFeatureProvider;
import io.orbitr.metrics.Point;
import io.orbitr.metrics.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@OnEveryStore
class MetricStoreTest {
    private static final Instant T0 = Instant.parse("2026-05-04T00:00:00Z");
    private static final String SOURCE = "3f0c6a52-8f7e-4c0b-9d5e-1b2a3c4d5e6f";
    private final ManualClock clock = new ManualClock(T0.plus(Duration.ofDays(3)));
    private final TestStore testStore;
    private final Orbitr orbitr;
    private final MetricStore store;
    /** Every sample ingested, to compare the store's answers with a brute-force computation. */
    private final List<MetricSample> ingested = new ArrayList<>();

    MetricStoreTest(TestStore testStore) {
        this.testStore = testStore;
        orbitr = Orbitr.builder().noDiscovery().store(testStore.settings()).dataDirectory(testStore.dataDirectory())
                .clock(clock).register(new JdClientFeatureProvider()).build();
        store = new MetricStore(orbitr.timeSeries(), Duration.ofDays(7));
    }

    @AfterEach
    void close() {
        orbitr.close();
    }

    @Test
    void summariesAndSeriesAgreeWithTheRawSamplesOverRaggedRanges() {
        // Two and a half days of one sample every 7 seconds, ingested in uneven batches.
        List<MetricSample> batch = new ArrayList<>();
        for (long s = 0; s < 2 * 86_400 + 43_200; s += 7) {
            batch.add(sample("process.cpu_percent", T0.plusSeconds(s), (s * 31 % 97) / 3.0));
            if (batch.size() == 1234) {
                ingest(batch);
                batch = new ArrayList<>();
            }
        }
        ingest(batch);
        List<Instant[]> ranges = List.of(
                new Instant[] {T0, T0.plus(Duration.ofDays(3))},
                new Instant[] {T0.plusSeconds(61), T0.plusSeconds(86_400 + 3_599)},
                new Instant[] {T0.plusSeconds(3_601), T0.plusSeconds(3_602)},
                new Instant[] {T0.plusMillis(86_399_500), T0.plusSeconds(2 * 86_400 + 17)},
                new Instant[] {T0.minusSeconds(3_600), T0.plusSeconds(10)});
        for (Instant[] range : ranges) {
            Optional<Point> expected = brute(range[0], range[1]);
            Optional<Point> actual = store.summary(SOURCE, "process.cpu_percent", range[0], range[1]);
            assertThat(actual.isPresent()).isEqualTo(expected.isPresent());
            actual.ifPresent(a -> {
                assertThat(a.count()).isEqualTo(expected.get().count());
                assertThat(a.sum()).isCloseTo(expected.get().sum(), within(1e-6));
                assertThat(a.min()).isEqualTo(expected.get().min());
                assertThat(a.max()).isEqualTo(expected.get().max());
            });
            for (Resolution g : List.of(Resolution.MINUTE, Resolution.HOUR, Resolution.DAY)) {
                List<Point> series = store.series(SOURCE, "process.cpu_percent", range[0], range[1], g);
                assertThat(series.stream().mapToLong(p -> p.count()).sum())
                        .isEqualTo(expected.map(Point::count).orElse(0L));
                assertThat(series).extracting(p -> p.time().toEpochMilli() % g.millis()).allMatch(r -> r == 0);
                assertThat(series).isSortedAccordingTo((a, b) -> a.time().compareTo(b.time()));
            }
        }
    }

    @Test
    void aggregatesByMinuteHourAndDay() {
        for (int s = 0; s < 3 * 3600; s += 30) {
            ingest(List.of(sample("m", T0.plusSeconds(s), s < 3600 ? 1 : s < 7200 ? 2 : 3)));
        }
        List<Point> hours = store.series(SOURCE, "m", T0, T0.plusSeconds(3 * 3600), Resolution.HOUR);
        assertThat(hours).extracting(p -> p.avg()).containsExactly(1.0, 2.0, 3.0);
        assertThat(hours).extracting(p -> p.count()).containsExactly(120L, 120L, 120L);
        List<Point> minutes = store.series(SOURCE, "m", T0, T0.plusSeconds(600), Resolution.MINUTE);
        assertThat(minutes).hasSize(10).allSatisfy(p -> assertThat(p.count()).isEqualTo(2));
        List<Point> days = store.series(SOURCE, "m", T0, T0.plus(Duration.ofDays(1)), Resolution.DAY);
        assertThat(days).singleElement().satisfies(p -> {
            assertThat(p.count()).isEqualTo(360);
            assertThat(p.min()).isEqualTo(1);
            assertThat(p.max()).isEqualTo(3);
        });
        // A range that cuts the second hour: the edge bucket covers only the part inside the range.
        List<Point> cut = store.series(SOURCE, "m", T0.plusSeconds(5400), T0.plusSeconds(3 * 3600),
                Resolution.HOUR);
        assertThat(cut).extracting(p -> p.count()).containsExactly(60L, 120L);
        assertThat(cut.get(0).time()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void answersRawLatestNamesAndUptime() {
        ingest(List.of(sample("process.up", T0, 1), sample("process.up", T0.plusSeconds(10), 1),
                sample("process.up", T0.plusSeconds(20), 0), sample("process.up", T0.plusSeconds(30), 1),
                sample("process.rss_bytes", T0.plusSeconds(30), 12_345_678)));
        assertThat(store.metricNames(SOURCE)).containsExactly("process.rss_bytes", "process.up");
        assertThat(store.latest(SOURCE, "process.up")).map(MetricSample::timestamp).contains(T0.plusSeconds(30));
        assertThat(store.latest(SOURCE)).containsOnlyKeys("process.rss_bytes", "process.up");
        assertThat(store.latest(SOURCE, "nothing")).isEmpty();
        assertThat(store.raw(SOURCE, "process.up", T0, T0.plusSeconds(60), 2)).extracting(MetricSample::value)
                .containsExactly(1.0, 1.0);
        assertThat(store.uptimePercent(SOURCE, T0, T0.plusSeconds(60))).hasValue(75.0);
        assertThat(store.uptimePercent("someone-else", T0, T0.plusSeconds(60))).isEmpty();
        assertThat(store.summary(SOURCE, "process.up", T0.plusSeconds(40), T0.plusSeconds(60))).isEmpty();
        assertThatThrownBy(() -> store.summary(SOURCE, "process.up", T0, T0)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void cleanupDeletesWhatIsOlderThanTheRetention() {
        for (int day = 0; day < 10; day++) {
            ingest(List.of(sample("m", T0.plus(Duration.ofDays(day)).plusSeconds(60), day)));
        }
        clock.set(T0.plus(Duration.ofDays(10)));
        assertThat(store.cleanup()).isEqualTo(3);
        assertThat(store.summary(SOURCE, "m", T0, T0.plus(Duration.ofDays(11))).orElseThrow().count()).isEqualTo(7);
        assertThat(store.series(SOURCE, "m", T0, T0.plus(Duration.ofDays(11)), Resolution.DAY)).hasSize(7);
        store.deleteSource(SOURCE);
        assertThat(store.metricNames(SOURCE)).isEmpty();
        assertThat(store.latest(SOURCE, "m")).isEmpty();
    }

    @Test
    void refusesBadSamples() {
        assertThatThrownBy(() -> sample("Bad Name", T0, 1)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("metric");
        assertThatThrownBy(() -> sample("m", T0, Double.NaN)).hasMessageContaining("finite");
    }

    private void ingest(List<MetricSample> samples) {
        store.ingest(samples);
        ingested.addAll(samples);
    }

    private Optional<Point> brute(Instant from, Instant to) {
        return ingested.stream().filter(s -> !s.timestamp().isBefore(from) && s.timestamp().isBefore(to))
                .map(s -> Point.of(from, s.value()))
                .collect(Collectors.reducing(Point::plus));
    }

    private static MetricSample sample(String metric, Instant at, double value) {
        return new MetricSample(SOURCE, metric, at, value);
    }
}
