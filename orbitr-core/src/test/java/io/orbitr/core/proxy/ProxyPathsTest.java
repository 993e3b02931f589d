package io.orbitr.core.proxy;

import io.orbitr.proxy.ProxyManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.core.Orbitr;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The proxy's output directory stays under the data directory unless it is absolute. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProxyPathsTest {
    @TempDir
    Path root;
    private Path data;
    private Orbitr orbitr;
    private ProxyManager proxies;

    @BeforeEach
    void start() {
        data = root.resolve("data");
        orbitr = Orbitr.builder().noDiscovery().inMemoryStore().dataDirectory(data).register(new LinesGenerator())
                .build();
        proxies = orbitr.proxies();
    }

    @AfterEach
    void close() {
        orbitr.close();
    }

    private ProxySettings.Builder settings() {
        return ProxySettings.builder().provider(LinesGenerator.ID);
    }

    @Test
    void aRelativeDirectoryThatClimbsOutIsRefusedAndNothingIsWrittenOutside() {
        assertThatThrownBy(() -> proxies.updateSettings(settings().outputDirectory(Path.of("../outside")).build()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("invalid outputDirectory '../outside': must stay inside the data directory");
        assertThat(root.resolve("outside")).doesNotExist();
    }

    @Test
    void aRelativeDirectoryLivesUnderTheDataDirectoryAndAnAbsoluteOneIsTakenAsGiven() {
        proxies.updateSettings(settings().outputDirectory(Path.of("conf/dynamic")).build());
        proxies.create(Route.builder().name("web").host("app.example.com").target("web", 80).build());
        assertThat(proxies.outputFile()).isEqualTo(data.toAbsolutePath().resolve("conf/dynamic/orbitr.yml"));
        assertThat(proxies.outputFile()).exists();

        Path elsewhere = root.resolve("elsewhere").toAbsolutePath();
        proxies.updateSettings(settings().outputDirectory(elsewhere).build());
        assertThat(proxies.outputFile()).isEqualTo(elsewhere.resolve("orbitr.yml"));
        assertThat(elsewhere.resolve("orbitr.yml")).exists();
    }

    @Test
    void settingsOfAnOlderOrbitrThatClimbOutAreRefusedAndCanBeReplaced() throws Exception {
        orbitr.store().inTransaction(connection -> {
            try (var insert = connection.prepareStatement("MERGE INTO settings (setting_key, setting_value,"
                    + " updated_at) KEY (setting_key) VALUES (?, ?, 0)")) {
                insert.setString(1, SettingsStore.KEY);
                insert.setString(2, "{\"provider\":\"lines\",\"outputDirectory\":\"../outside\"}");
                insert.executeUpdate();
            }
            return null;
        });
        assertThatThrownBy(() -> proxies.settings()).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("outputDirectory '../outside'").hasMessageContaining("updateSettings");

        proxies.updateSettings(settings().build());
        assertThat(proxies.settings().outputDirectory()).isEqualTo(Path.of("proxy"));
        assertThat(root.resolve("outside")).doesNotExist();
    }
}
