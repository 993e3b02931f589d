package io.orbitr.docker.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheckProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DockerHealthCheckProviderTest {

    @Test
    void isRegisteredForServiceLoader() {
        assertThat(ServiceLoader.load(HealthCheckProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(DockerHealthCheckProvider.class);
    }

    @Test
    void refusesASpecWithoutAContainer() {
        assertThatThrownBy(() -> new DockerHealthCheckProvider().create(CheckSpec.of("docker")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid docker.container '': is required");
        assertThatThrownBy(() -> new DockerHealthCheckProvider().create(CheckSpec.of("docker", "container", "a b")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("invalid docker.container 'a b'");
    }

    @Test
    void refusesAContainerAndAServiceTogetherAndABadEngineName() {
        assertThatThrownBy(() -> new DockerHealthCheckProvider().create(CheckSpec.of("docker", "container", "a",
                "service", "b"))).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("invalid docker.service 'b'");
        assertThatThrownBy(() -> new DockerHealthCheckProvider().create(CheckSpec.of("docker", "container", "a",
                "engine", "Not Valid"))).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("invalid engine name 'Not Valid'");
    }

    @Test
    void aCheckOfAProviderThatWasNeverStartedSaysSo() {
        var check = new DockerHealthCheckProvider().create(CheckSpec.of("docker", "container", "web-1"));

        assertThatThrownBy(check::check)
                .isInstanceOf(OrbitrException.class)
                .hasMessageStartingWith("the docker health check provider is not started");
    }
}
