package io.orbitr.core.proxy;

import io.orbitr.proxy.ProxyManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.core.Orbitr;
import io.orbitr.core.store.SettingRows;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The proxy's output directory stays under the data directory unless it is absolute. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@OnEveryStore
class ProxyPathsTest {
    @Parameter
    TestStore testStore;

    @TempDir
    Path root;
    private Path data;
    private Orbitr orbitr;
    private ProxyManager proxies;

    @BeforeEach
    void start() {
        data = root.resolve("data");
        orbitr = Orbitr.builder().noDiscovery().store(testStore.settings()).dataDirectory(data)
                .register(new LinesGenerator()).build();
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
            SettingRows.write(connection, SettingsStore.KEY,
                    "{\"provider\":\"lines\",\"outputDirectory\":\"../outside\"}", 0);
            return null;
        });
        assertThatThrownBy(() -> proxies.settings()).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("outputDirectory '../outside'").hasMessageContaining("updateSettings");

        proxies.updateSettings(settings().build());
        assertThat(proxies.settings().outputDirectory()).isEqualTo(Path.of("proxy"));
        assertThat(root.resolve("outside")).doesNotExist();
    }
}
