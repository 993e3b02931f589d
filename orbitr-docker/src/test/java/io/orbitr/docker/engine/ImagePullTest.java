package io.orbitr.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.PullListener;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a failed pull is worded, whatever the engine said. */
class ImagePullTest {
    private final DockerCalls calls = new DockerCalls(EngineSettings.of(URI.create("unix:///tmp/orbitr-dm-none.sock")));
    private final ImagePull pull = new ImagePull(calls, "nginx", "1.27", PullListener.NONE);

    @AfterEach
    void close() {
        calls.close();
    }

    @Test
    void anUnresolvableRegistryCannotBeReached() {
        assertThat(pull.notAvailable("Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup "
                + "registry-1.docker.io on 10.255.255.53:53: no such host", null))
                .hasMessageStartingWith("image nginx:1.27 is not available: the registry cannot be reached (Get ");
    }

    @Test
    void aSilentRegistryCannotBeReached() {
        assertThat(pull.notAvailable("Get \"http://127.0.0.1:5000/v2/\": net/http: request canceled "
                + "(Client.Timeout exceeded while awaiting headers)", null))
                .hasMessageStartingWith("image nginx:1.27 is not available: the registry cannot be reached");
    }

    @Test
    void anUnknownImageIsNotAvailableFromTheRegistry() {
        assertThat(pull.notAvailable("manifest for nginx:1.27 not found: manifest unknown: manifest unknown", null))
                .hasMessageStartingWith("image nginx:1.27 is not available: the registry has no such image, or "
                        + "refuses access to it");
    }
}
