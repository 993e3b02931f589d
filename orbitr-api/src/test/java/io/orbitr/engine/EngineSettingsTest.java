package io.orbitr.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineSettingsTest {

    @Test
    void theOldConstructorMakesTheLocalEndpointWithoutTls() {
        EngineSettings settings = new EngineSettings(URI.create("unix:///run/docker.sock"), Duration.ofSeconds(5),
                Duration.ofSeconds(1));
        assertThat(settings.name()).isEqualTo("local");
        assertThat(settings.tls()).isEmpty();
    }

    @Test
    void aUnixEndpointIsReadFromNameEqualsUri() {
        EngineSettings settings = EngineSettings.parse("lab=unix:///run/lab.sock");
        assertThat(settings.name()).isEqualTo("lab");
        assertThat(settings.host()).isEqualTo(URI.create("unix:///run/lab.sock"));
        assertThat(settings.tls()).isEmpty();
    }

    @Test
    void aTlsDirectoryGivesDockersThreeFileNames() {
        EngineSettings settings = EngineSettings.parse("edge=tcp://10.0.0.5:2376?tls=/etc/orbitr/edge");
        assertThat(settings.host()).isEqualTo(URI.create("tcp://10.0.0.5:2376"));
        assertThat(settings.tls()).contains(new EngineTls(Path.of("/etc/orbitr/edge/ca.pem"),
                Path.of("/etc/orbitr/edge/cert.pem"), Path.of("/etc/orbitr/edge/key.pem")));
    }

    @Test
    void threeTlsFilesReadBackAsFormatted() {
        EngineSettings settings = EngineSettings.parse("edge=tcp://h:2376?ca=/a/ca.pem&cert=/b/c.pem&key=/c/k.pem");
        assertThat(settings.tls()).contains(new EngineTls(Path.of("/a/ca.pem"), Path.of("/b/c.pem"),
                Path.of("/c/k.pem")));
        assertThat(EngineSettings.parse(settings.format())).isEqualTo(settings);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tcp://h:2376|engine",
            "=tcp://h:2376|engine",
            "Edge=tcp://h:2376|engine name",
            "edge=http://h:2376|engine edge host",
            "edge=unix:///s.sock?tls=/d|engine edge tls",
            "edge=tcp://h:2376?ca=/a|engine edge cert",
            "edge=tcp://h:2376?tls=/d&ca=/a|engine edge tls",
            "edge=tcp://h:2376?verify=1|engine edge parameter"})
    void aBadEndpointNamesThePartThatIsWrong(String text, String field) {
        assertThatThrownBy(() -> EngineSettings.parse(text)).isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo(field);
    }
}
