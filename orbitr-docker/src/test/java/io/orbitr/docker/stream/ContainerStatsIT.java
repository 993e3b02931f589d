package io.orbitr.docker.stream;

import static io.orbitr.docker.stream.FixtureContainers.await;
import static io.orbitr.docker.stream.FixtureContainers.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.orbitr.ConflictException;
import io.orbitr.core.stream.PlatformStreamHub;
import io.orbitr.docker.engine.DockerEngineProvider;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineSettings;
import io.orbitr.stream.StatsSample;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.testing.RealDocker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Container stats through the engine and the stream hub, against the real engine. */
@RealDocker
class ContainerStatsIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final long LIMIT = 64L * 1024 * 1024;
    private final FixtureContainers containers = new FixtureContainers();
    private final ContainerEngine engine = new DockerEngineProvider()
            .connect(EngineSettings.fromEnvironment(Optional.ofNullable(System.getenv("DOCKER_HOST"))));
    private final PlatformStreamHub hub = PlatformStreamHub.builder().engine(engine::streams).build();

    @AfterEach
    void cleanUp() {
        hub.close();
        engine.close();
        containers.close();
    }

    /** Keeps the samples and the end. */
    private static final class Samples implements StreamSubscriber<StatsSample> {
        private final List<StatsSample> samples = new ArrayList<>();
        private String completion;

        @Override
        public synchronized void onNext(StatsSample sample) {
            samples.add(sample);
        }

        @Override
        public synchronized void onComplete(String reason) {
            completion = reason;
        }

        synchronized List<StatsSample> samples() {
            return List.copyOf(samples);
        }

        synchronized Optional<String> completion() {
            return Optional.ofNullable(completion);
        }
    }

    @Test
    void memoryUsedIsWhatDockerStatsComputesFromTheEnginesRawFiguresShmIncluded() throws Exception {
        String container = containers.run(c -> c.withMemoryLimit(256L << 20).withShmBytes(128L << 20),
                "dd if=/dev/zero of=/dev/shm/fill bs=1048576 count=50 2>/dev/null; echo filled; sleep 3600");
        await(BOUND, "the 50 MB written to /dev/shm", () -> FixtureContainers.engineLog(container).contains("filled"));

        StatsSample sample = engine.stats(container);
        // The engine's raw answer, read beside it, and docker stats' formula applied to it by hand.
        String id = FixtureContainers.docker("inspect", "--format", "{{.Id}}", container);
        io.orbitr.testing.Shell.Result raw = io.orbitr.testing.Shell.run(Duration.ofSeconds(30), List.of("curl",
                "-sf", "--unix-socket", "/var/run/docker.sock",
                "http://localhost/containers/" + id + "/stats?stream=false"));
        assertThat(raw.ok()).as(raw.output()).isTrue();
        com.fasterxml.jackson.databind.JsonNode memory = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(raw.output()).path("memory_stats");
        long usage = memory.path("usage").asLong();
        com.fasterxml.jackson.databind.JsonNode stats = memory.path("stats");
        long inactive = stats.has("total_inactive_file") ? stats.path("total_inactive_file").asLong()
                : stats.path("inactive_file").asLong();
        long dockerStats = inactive < usage ? usage - inactive : usage;

        assertThat(sample.memoryUsedBytes()).as("the shm pages are in use, not cache")
                .isGreaterThanOrEqualTo(50L * 1024 * 1024);
        // Two reads a moment apart: the figures agree to within 2 MiB.
        assertThat((double) sample.memoryUsedBytes()).isCloseTo(dockerStats, within(2.0 * 1024 * 1024));
        assertThat(sample.memoryLimitBytes()).isEqualTo(256L * 1024 * 1024);
    }

    @Test
    void theFirstSampleOfAStreamHasARealCpuFigure() {
        String container = containers.run("while true; do :; done");
        Samples samples = new Samples();
        hub.containerStats(container, samples);
        await(BOUND, "the first sample", () -> !samples.samples().isEmpty());
        assertThat(samples.samples().get(0).cpuPercent()).as("a busy loop is not idle").isGreaterThan(1.0);
    }

    @Test
    void aBusyContainerSendsASampleASecondWithSaneFiguresAndItsStreamCompletesWhenItStops() {
        String container = containers.run(c -> c.withMemoryLimit(64L << 20), "while true; do :; done");
        Samples samples = new Samples();
        hub.containerStats(container, samples);
        await(BOUND, "three samples", () -> samples.samples().size() >= 3);

        Samples late = new Samples();
        hub.containerStats(container, late);
        await(BOUND, "the late subscriber's first sample", () -> !late.samples().isEmpty());

        List<StatsSample> seen = samples.samples();
        for (int i = 1; i < seen.size(); i++) {
            Duration gap = Duration.between(seen.get(i - 1).timestamp(), seen.get(i).timestamp());
            assertThat(gap).isBetween(Duration.ofMillis(500), Duration.ofMillis(3000));
        }
        StatsSample busy = seen.get(seen.size() - 1);
        assertThat(busy.cpuPercent()).as("a busy loop uses about one core").isBetween(20.0, 250.0);
        assertThat(busy.memoryUsedBytes()).isPositive().isLessThan(LIMIT);
        assertThat(busy.memoryLimitBytes()).isEqualTo(LIMIT);
        assertThat(busy.memoryPercent()).isCloseTo(busy.memoryUsedBytes() * 100.0 / LIMIT, within(1e-9));
        assertThat(busy.pids()).isGreaterThanOrEqualTo(1);
        assertThat(busy.networkRxBytes()).isNotNegative();
        assertThat(late.samples().get(0).timestamp()).isAfterOrEqualTo(seen.get(seen.size() - 1).timestamp());
        assertThat(hub.openStreams()).isEqualTo(1);

        StatsSample one = engine.stats(container);
        assertThat(one.cpuPercent()).isBetween(20.0, 250.0);
        assertThat(one.memoryLimitBytes()).isEqualTo(LIMIT);

        docker("stop", "-t", "1", container);
        await(BOUND, "the stats stream completes", () -> samples.completion().isPresent());
        assertThat(samples.completion().get()).contains(container).contains("stopped");
        assertThatThrownBy(() -> engine.stats(container)).isInstanceOf(ConflictException.class)
                .hasMessage("container " + container + " is not running: it has no stats");
    }
}
