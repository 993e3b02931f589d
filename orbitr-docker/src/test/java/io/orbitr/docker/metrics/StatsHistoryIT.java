package io.orbitr.docker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.NotFoundException;
import io.orbitr.core.Orbitr;
import io.orbitr.docker.engine.DockerEngineProvider;
import io.orbitr.metrics.Resolution;
import io.orbitr.metrics.SeriesKey;
import io.orbitr.metrics.StatsHistory;
import io.orbitr.metrics.StatsHistorySettings;
import io.orbitr.metrics.StatsPoint;
import io.orbitr.testing.Await;
import io.orbitr.testing.ManualClock;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.Shell;
import io.orbitr.testing.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Container stats history against the real engine, the time of each sample set by a manual clock. */
@RealDocker
@Timeout(180)
class StatsHistoryIT {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
    private final ManualClock clock = new ManualClock(T0);
    private final List<String> containers = new ArrayList<>();

    @AfterEach
    void removeContainers() {
        for (String name : containers) {
            Shell.run(Duration.ofSeconds(60), List.of("docker", "rm", "-f", name));
        }
    }

    @Test
    void recordsEveryRunningContainerButTheLabelledOnesAndAggregatesByMinuteHourAndDay() {
        String busy = run("while true; do :; done");
        String quiet = run("sleep 3600");
        String skipped = run("sleep 3600", "--label", StatsHistory.LABEL + "=false");
        try (Orbitr orbitr = platform(StatsHistorySettings.defaults().withInterval(Duration.ZERO))) {
            StatsHistory history = orbitr.statsHistory();
            // Three ticks 10 s apart in minute one, one in minute two, one in the next hour.
            for (Duration at : List.of(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(20),
                    Duration.ofSeconds(70), Duration.ofMinutes(61))) {
                clock.set(T0.plus(at));
                assertThat(history.recordNow()).isGreaterThanOrEqualTo(2);
            }
            Instant end = T0.plus(Duration.ofHours(2));

            List<StatsPoint> minutes = history.history(busy, Resolution.MINUTE, T0, end);
            assertThat(minutes).extracting(StatsPoint::time).containsExactly(T0, T0.plusSeconds(60),
                    T0.plus(Duration.ofMinutes(61)));
            assertThat(minutes).extracting(StatsPoint::samples).containsExactly(3L, 1L, 1L);
            assertThat(minutes.get(0).cpuPercentMax()).as("a busy loop uses CPU").isGreaterThan(5.0);
            assertThat(minutes).allSatisfy(p -> {
                assertThat(p.memoryBytes()).isPositive();
                assertThat(p.memoryLimitBytes()).isPositive();
            });

            List<StatsPoint> hours = history.history(busy, Resolution.HOUR, T0, end);
            assertThat(hours).extracting(StatsPoint::samples).containsExactly(4L, 1L);
            assertThat(history.history(busy, Resolution.DAY, T0, end)).singleElement()
                    .satisfies(p -> assertThat(p.samples()).isEqualTo(5));
            assertThat(history.history(quiet, Resolution.RAW, T0, end)).hasSize(5);
            // By name or by id: the same series.
            String id = docker("inspect", "--format", "{{.Id}}", quiet);
            assertThat(history.history(id, Resolution.HOUR, T0, end)).hasSize(2);

            String skippedId = docker("inspect", "--format", "{{.Id}}", skipped);
            assertThat(history.history(skipped, Resolution.MINUTE, T0, end)).isEmpty();
            assertThat(orbitr.timeSeries().series(StatsHistory.KIND, skippedId)).isEmpty();
            assertThat(orbitr.timeSeries().series(StatsHistory.KIND, id)).extracting(SeriesKey::metric)
                    .contains(StatsHistory.CPU_PERCENT, StatsHistory.MEMORY_BYTES, StatsHistory.NETWORK_RX_BYTES,
                            StatsHistory.BLOCK_WRITE_BYTES);

            // A container that is gone keeps its history under its id until the retention ends.
            docker("rm", "-f", quiet);
            assertThat(history.history(id, Resolution.HOUR, T0, end)).hasSize(2);
            assertThatThrownBy(() -> history.history("orbitr-timeseries-never-there", Resolution.HOUR, T0, end))
                    .isInstanceOf(NotFoundException.class);
            clock.set(T0.plus(Duration.ofDays(8)));
            orbitr.timeSeries().purge(StatsHistory.KIND);
            assertThat(history.history(id, Resolution.HOUR, T0, end)).isEmpty();
        }
    }

    @Test
    void theScheduleRecordsAtTheIntervalAndTheStoredSettingsWinAtTheNextStart() {
        String quiet = run("sleep 3600");
        java.nio.file.Path data = tempDirectory();
        try (Orbitr orbitr = platform(data, StatsHistorySettings.defaults().withInterval(Duration.ofSeconds(1)))) {
            Await.until("a scheduled sample of " + quiet, Duration.ofSeconds(60),
                    () -> !orbitr.statsHistory().history(quiet, Resolution.RAW, T0, T0.plusSeconds(1)).isEmpty());
            orbitr.statsHistory().configure(StatsHistorySettings.parse("off", "2d"));
        }
        try (Orbitr orbitr = platform(data, StatsHistorySettings.defaults())) {
            assertThat(orbitr.statsHistory().settings()).isEqualTo(new StatsHistorySettings(Duration.ZERO,
                    Duration.ofDays(2)));
            assertThat(orbitr.timeSeries().retention(StatsHistory.KIND)).isEqualTo(Duration.ofDays(2));
        }
    }

    private Orbitr platform(StatsHistorySettings settings) {
        return Orbitr.builder().noDiscovery().register(new DockerEngineProvider()).inMemoryStore().clock(clock)
                .statsHistory(settings).build();
    }

    private Orbitr platform(java.nio.file.Path data, StatsHistorySettings settings) {
        return Orbitr.builder().noDiscovery().register(new DockerEngineProvider()).dataDirectory(data).clock(clock)
                .statsHistory(settings).build();
    }

    private static java.nio.file.Path tempDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("orbitr-timeseries-it");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String run(String script, String... options) {
        String name = "orbitr-timeseries-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet();
        List<String> command = new ArrayList<>(List.of("docker", "run", "-d", "--name", name, "--label",
                "io.orbitr.test=timeseries"));
        command.addAll(List.of(options));
        command.addAll(List.of(TestImages.busybox(), "sh", "-c", script));
        containers.add(name);
        Shell.Result result = Shell.run(Duration.ofSeconds(60), command);
        if (!result.ok()) {
            throw new IllegalStateException("docker run failed: " + result.output());
        }
        return name;
    }

    private static String docker(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        Shell.Result result = Shell.run(Duration.ofSeconds(60), command);
        if (!result.ok()) {
            throw new IllegalStateException(command + " failed: " + result.output());
        }
        return result.output().trim();
    }
}
