package io.orbitr.docker.stream;

import static io.orbitr.docker.stream.FixtureContainers.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.Orbitr;
import io.orbitr.stream.LogOptions;
import io.orbitr.testing.RealDocker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The platform's own stream hub, assembled with the Docker provider found on the class path. */
@RealDocker
class OrbitrStreamsIT {
    private final FixtureContainers containers = new FixtureContainers();

    @AfterEach
    void cleanUp() {
        containers.close();
    }

    @Test
    void thePlatformsHubStreamsContainerLogsAndEndsThemWhenThePlatformCloses() {
        String container = containers.run("echo ready; sleep 3600");
        Lines lines = new Lines();
        try (Orbitr orbitr = Orbitr.builder().inMemoryStore().build()) {
            orbitr.streams().containerLogs(container, LogOptions.defaults(), lines);
            await(Duration.ofSeconds(30), "the first line", () -> lines.count() == 1);
            assertThat(orbitr.streams().openStreams()).isEqualTo(1);
        }
        await(Duration.ofSeconds(10), "the subscription ends", lines::ended);
        assertThat(lines.texts()).containsExactly("ready");
        assertThat(lines.completion()).contains("the stream hub closed");
    }
}
