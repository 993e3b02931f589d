package io.orbitr.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.UnavailableException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineInfo;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.EngineVersion;
import io.orbitr.testing.RealDocker;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@RealDocker
class DockerEngineIT {

    @Test
    void pingsAndDescribesTheEngine() {
        try (Orbitr orbitr = Orbitr.builder().inMemoryStore().build()) {
            ContainerEngine engine = orbitr.engine();
            engine.ping();
            EngineInfo info = engine.info();
            EngineVersion version = engine.version();

            assertThat(version.version()).isEqualTo(info.version()).isNotBlank();
            assertThat(version.apiVersion()).isEqualTo(info.apiVersion());
            assertThat(version.minApiVersion()).isNotBlank();
            assertThat(version.os()).isEqualTo("linux");
            assertThat(version.gitCommit()).isNotBlank();
            assertThat(info.cpus()).isPositive();
            assertThat(info.memoryBytes()).isPositive();
            assertThat(info.endpoint()).isEqualTo(orbitr.engineSettings().host().toString());
        }
    }

    @Test
    void anEngineThatIsNotThereFailsFastAndSaysWhere() {
        EngineSettings nowhere = new EngineSettings(URI.create("unix:///tmp/orbitr-dm-no-such.sock"),
                Duration.ofSeconds(2), Duration.ofMillis(500));
        try (ContainerEngine engine = new DockerEngineProvider().connect(nowhere)) {
            assertThatThrownBy(engine::ping)
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageStartingWith("the Docker engine 'local' (unix:///tmp/orbitr-dm-no-such.sock) is unavailable");
            assertThatThrownBy(() -> engine.containers().inspect("web-1"))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("(inspect container web-1)");
        }
    }
}
