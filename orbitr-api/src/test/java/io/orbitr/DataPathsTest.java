package io.orbitr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.process.ProcessSpec;
import io.orbitr.proxy.ProxySettings;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DataPathsTest {
    private static final Path DATA = Path.of("/srv/orbitr-data");

    @Test
    void aRelativePathLivesUnderTheDataDirectory() {
        assertThat(DataPaths.resolve(DATA, "outputDirectory", Path.of("proxy"))).isEqualTo(DATA.resolve("proxy"));
        assertThat(DataPaths.resolve(DATA, "logFile", "logs/./web.log")).isEqualTo(DATA.resolve("logs/web.log"));
        assertThat(DataPaths.resolve(Path.of("rel-data"), "logFile", "a.log"))
                .isEqualTo(Path.of("rel-data").toAbsolutePath().resolve("a.log"));
    }

    @Test
    void anAbsolutePathIsTakenAsGiven() {
        assertThat(DataPaths.resolve(DATA, "outputDirectory", Path.of("/etc/traefik/dynamic")))
                .isEqualTo(Path.of("/etc/traefik/dynamic"));
        assertThat(DataPaths.resolve(DATA, "to", "/backups/../mnt/orbitr.tar")).isEqualTo(Path.of("/mnt/orbitr.tar"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../outside", "proxy/../../outside", "a/..", "./../x", "logs/../web.log"})
    void aRelativePathThatClimbsIsRefusedNamingTheFieldAndValue(String path) {
        assertThatThrownBy(() -> DataPaths.resolve(DATA, "outputDirectory", path))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("invalid outputDirectory '" + path + "': must stay inside the data directory");
    }

    @Test
    void emptyAndNulPathsAreRefused() {
        assertThatThrownBy(() -> DataPaths.check("to", "")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("invalid to");
        assertThatThrownBy(() -> DataPaths.check("to", "a\0b")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("invalid to");
    }

    @Test
    void proxySettingsAndProcessSpecsFollowTheRule() {
        assertThatThrownBy(() -> ProxySettings.builder().outputDirectory(Path.of("../outside")).build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("invalid outputDirectory '../outside'");
        assertThat(ProxySettings.builder().outputDirectory(Path.of("/tmp/outside")).build().outputDirectory())
                .isEqualTo(Path.of("/tmp/outside"));
        assertThatThrownBy(() -> ProcessSpec.builder("web", "true").logFile(Path.of("logs/../../web.log")).build())
                .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("invalid logFile 'logs/../../web.log'");
        assertThat(ProcessSpec.builder("web", "true").logFile(Path.of("logs/web.log")).build().logFile())
                .contains(Path.of("logs/web.log"));
    }
}
