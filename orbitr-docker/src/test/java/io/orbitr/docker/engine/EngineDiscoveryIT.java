package io.orbitr.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.UnavailableException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineInfo;
import io.orbitr.engine.EngineSettings;
import io.orbitr.testing.RealDocker;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@RealDocker
class EngineDiscoveryIT {

    @Test
    void theDiscoveredDockerProviderPingsAndDescribesTheRealEngine() {
        try (Orbitr orbitr = Orbitr.builder().inMemoryStore().build()) {
            assertThat(orbitr.providers().infos()).anySatisfy(info -> {
                assertThat(info.id()).isEqualTo("docker");
                assertThat(info.className()).isEqualTo(DockerEngineProvider.class.getName());
            });
            ContainerEngine engine = orbitr.engine();
            engine.ping();
            EngineInfo info = engine.info();
            assertThat(info.version()).isNotBlank();
            assertThat(info.apiVersion()).matches("1\\.\\d+");
            assertThat(info.operatingSystem()).isNotBlank();
            assertThat(info.kernelVersion()).isNotBlank();
            assertThat(info.cpus()).isPositive();
            assertThat(info.memoryBytes()).isPositive();
            assertThat(info.containers()).isGreaterThanOrEqualTo(info.containersRunning());
            assertThat(info.endpoint()).isEqualTo(orbitr.engineSettings().host().toString());
        }
    }

    @Test
    void anEngineThatDoesNotAnswerIsReportedUnavailableWithTheReason() {
        EngineSettings nowhere = new EngineSettings(URI.create("tcp://127.0.0.1:1"), Duration.ofSeconds(2),
                Duration.ofSeconds(1));
        try (ContainerEngine engine = new DockerEngineProvider().connect(nowhere)) {
            assertThatThrownBy(engine::ping)
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("tcp://127.0.0.1:1")
                    .hasMessageContaining("unavailable");
        }
    }
}
