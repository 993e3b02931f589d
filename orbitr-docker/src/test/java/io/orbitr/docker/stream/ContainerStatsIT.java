package io.orbitr.docker.stream;

import static io.orbitr.docker.stream.TestContainers.await;
import static io.orbitr.docker.stream.TestContainers.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.orbitr.ConflictException;
import io.orbitr.core.stream.StreamHub;
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
    private final TestContainers containers = new TestContainers();
    private final ContainerEngine engine = new DockerEngineProvider()
            .connect(EngineSettings.fromEnvironment(Optional.ofNullable(System.getenv("DOCKER_HOST"))));
    private final StreamHub hub = StreamHub.builder().engine(engine::streams).build();

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
    void aBusyContainerSendsASampleASecondWithSaneFiguresAndItsStreamCompletesWhenItStops() {
        String container = containers.run(List.of("--memory", "64m"), "while true; do :; done");
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
