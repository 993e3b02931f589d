package io.orbitr.core.proxy;

import io.orbitr.proxy.ProxyManager;
import io.orbitr.core.files.AtomicFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.MissingProviderException;
import io.orbitr.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import io.orbitr.core.Orbitr;
import io.orbitr.proxy.Protocol;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@OnEveryStore
class ProxyManagerTest {
    @Parameter
    TestStore testStore;

    @TempDir
    Path data;
    private final LinesGenerator generator = new LinesGenerator();
    private Orbitr orbitr;
    private ProxyManager proxies;
    private Path file;

    @BeforeEach
    void start() {
        orbitr = Orbitr.builder().noDiscovery().store(testStore.settings()).dataDirectory(data).register(generator)
                .build();
        proxies = orbitr.proxies();
        proxies.updateSettings(ProxySettings.builder().provider(LinesGenerator.ID).defaultDomain("example.com")
                .build());
        file = data.resolve("proxy").resolve("orbitr.yml");
    }

    @AfterEach
    void close() {
        orbitr.close();
    }

    private static Route route(String name, String host) {
        return Route.builder().name(name).host(host).target(name, 8080).build();
    }

    private String content() throws IOException {
        return Files.readString(file);
    }

    @Test
    void aRouteIsStoredAndWritten() throws IOException {
        Route web = proxies.create(route("web", "app"));

        assertThat(proxies.list()).containsExactly(web);
        assertThat(proxies.find("web")).contains(web);
        assertThat(proxies.outputFile()).isEqualTo(file.toAbsolutePath());
        assertThat(content()).startsWith("# begin 1\nweb app.example.com -> web:8080");
        assertThat(new PlatformProxyManager(orbitr.store(), orbitr.clock(), data, id -> generator).list())
                .as("read back from the store").containsExactly(web);
    }

    @Test
    void updatesRewriteAndTheLastRemovalDeletesTheFile() throws IOException {
        proxies.create(route("web", "app"));
        proxies.create(route("api", "api"));

        proxies.update(route("web", "www"));
        assertThat(content()).contains("web www.example.com").contains("api api.example.com");

        proxies.remove("api");
        assertThat(content()).startsWith("# begin 1\n");
        proxies.remove("web");
        assertThat(file).doesNotExist();
        assertThat(proxies.list()).isEmpty();
        assertThat(proxies.preview()).isEmpty();
        assertThat(generator.reloads.get(generator.reloads.size() - 1)).isEmpty();
    }

    @Test
    void recoveryRewritesAFileTheStoreDoesNotKnowAndDeletesLeftovers() throws IOException {
        proxies.create(route("web", "app"));
        String stored = content();
        // What a crash between the file write and the commit leaves: a newer file, and a temporary one.
        Files.writeString(file, stored + "api api.example.com -> api:8080\n");
        Path leftover = AtomicFiles.temporaryFor(file.toAbsolutePath());
        Files.writeString(leftover, "half");
        int reloads = generator.reloads.size();

        assertThat(proxies.recover()).isTrue();

        assertThat(content()).isEqualTo(stored);
        assertThat(leftover).doesNotExist();
        assertThat(generator.reloads).hasSize(reloads + 1);
        assertThat(proxies.recover()).as("nothing left to fix").isFalse();
    }

    @Test
    void recoveryDeletesTheFileOfAMoveThatNeverCommitted() throws IOException {
        proxies.create(route("web", "app"));
        Path moved = data.resolve("elsewhere").resolve("orbitr.yml").toAbsolutePath();
        Files.createDirectories(moved.getParent());
        Files.writeString(moved, "written before the crash");
        orbitr.store().inTransaction(connection -> {
            SettingsStore.writePendingFile(connection, moved, 0);
            return null;
        });

        proxies.recover();

        assertThat(moved).doesNotExist();
        assertThat(file).exists();
        assertThat(orbitr.store().read(SettingsStore::readPendingFile)).isEmpty();
    }

    @Test
    void aCommittedMoveLeavesNoNoteBehind() throws IOException {
        proxies.create(route("web", "app"));

        proxies.updateSettings(proxies.settings().toBuilder().outputDirectory(Path.of("elsewhere")).build());

        assertThat(file).doesNotExist();
        assertThat(data.resolve("elsewhere").resolve("orbitr.yml")).exists();
        assertThat(orbitr.store().read(SettingsStore::readPendingFile)).isEmpty();
    }

    @Test
    void unknownRoutesAreNotFound() {
        assertThatThrownBy(() -> proxies.remove("ghost")).isInstanceOf(NotFoundException.class)
                .hasMessage("no such route ghost");
        assertThatThrownBy(() -> proxies.update(route("ghost", "g"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theSameHostAndPathTwiceIsRefusedAndNothingChanges() throws IOException {
        proxies.create(Route.builder().name("a").host("app").target("a", 80).pathPrefix("/api").build());
        String before = content();

        assertThatThrownBy(() -> proxies.create(Route.builder().name("b").host("app.example.com").target("b", 80)
                .pathPrefix("/api").build())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("app.example.com/api").hasMessageContaining("'a'");
        assertThatThrownBy(() -> proxies.create(route("a", "other"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already exists");

        assertThat(proxies.list()).extracting(Route::name).containsExactly("a");
        assertThat(content()).isEqualTo(before);
        proxies.create(Route.builder().name("b").host("app").target("b", 80).pathPrefix("/other").build());
        assertThat(proxies.list()).hasSize(2);
    }

    @Test
    void aRouteTheProxyCannotServeIsRefusedWithNothingWritten() {
        assertThatThrownBy(() -> proxies.create(Route.builder().name("dns").host("dns").target("dns", 53)
                .protocol(Protocol.UDP).entryPoints("dns").build())).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("udp").hasMessageContaining("dns");

        assertThat(proxies.list()).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void somethingInTheWayOfTheFileRefusesTheChangeUpFront() throws IOException {
        Files.createDirectories(file.resolve("in-the-way"));

        assertThatThrownBy(() -> proxies.create(route("web", "app"))).isInstanceOf(OrbitrException.class)
                .hasMessageContaining(file.toString());
        assertThat(proxies.list()).isEmpty();

        Files.delete(file.resolve("in-the-way"));
        Files.delete(file);
        proxies.create(route("web", "app"));
        assertThat(content()).contains("web app.example.com");
    }

    /** Files whose next writes fail, as a full disk would make them. */
    private static final class FailingFiles extends AtomicFiles {
        volatile int failures;

        @Override
        public void write(Path target, String content) {
            if (failures > 0) {
                failures--;
                throw new OrbitrException("cannot write " + target + ": No space left on device");
            }
            super.write(target, content);
        }
    }

    @Test
    void aFailedWriteRollsTheStoreBackAndTheFileStaysAsItWas() throws IOException {
        FailingFiles files = new FailingFiles();
        PlatformProxyManager manager = new PlatformProxyManager(orbitr.store(), orbitr.clock(), data, id -> generator, files);
        Route web = manager.create(route("web", "app"));
        String before = content();

        files.failures = 1;
        assertThatThrownBy(() -> manager.create(route("api", "api"))).hasMessageContaining("No space left");
        files.failures = 1;
        assertThatThrownBy(() -> manager.update(route("web", "www"))).hasMessageContaining("No space left");

        assertThat(manager.list()).containsExactly(web);
        assertThat(content()).isEqualTo(before);
        manager.create(route("api", "api"));
        assertThat(manager.list()).hasSize(2);
    }

    @Test
    void aFailureWhileMovingTheFilePutsBothFilesBack() throws IOException {
        FailingFiles files = new FailingFiles();
        PlatformProxyManager manager = new PlatformProxyManager(orbitr.store(), orbitr.clock(), data, id -> generator, files);
        manager.create(route("web", "app"));
        String before = content();
        ProxySettings settings = manager.settings();

        files.failures = 1;
        assertThatThrownBy(() -> manager.updateSettings(settings.toBuilder().outputDirectory(Path.of("elsewhere"))
                .build())).isInstanceOf(OrbitrException.class);

        assertThat(manager.settings()).isEqualTo(settings);
        assertThat(content()).isEqualTo(before);
        assertThat(data.resolve("elsewhere").resolve("orbitr.yml")).doesNotExist();
    }

    @Test
    void aRejectedReloadPutsTheStoreAndTheFileBack() throws IOException {
        proxies.create(route("web", "app"));
        String before = content();
        generator.onReload = LinesGenerator::reject;

        assertThatThrownBy(() -> proxies.create(route("api", "api"))).isInstanceOf(OrbitrException.class)
                .hasMessageContaining("rejected");
        assertThatThrownBy(() -> proxies.remove("web")).isInstanceOf(OrbitrException.class);

        assertThat(proxies.list()).extracting(Route::name).containsExactly("web");
        assertThat(content()).isEqualTo(before);
    }

    @Test
    void aProxyThatIsDownDoesNotStopTheChange() throws IOException {
        generator.onReload = f -> {
            throw new UnavailableException("the admin API does not answer");
        };

        proxies.create(route("web", "app"));

        assertThat(proxies.list()).hasSize(1);
        assertThat(content()).contains("web app.example.com");
    }

    @Test
    void settingsArePersistedAndMovingTheOutputMovesTheFile() throws IOException {
        proxies.create(route("web", "app"));
        ProxySettings moved = proxies.settings().toBuilder().outputDirectory(Path.of("traefik-dynamic"))
                .acmeEmail("ops@example.com").certResolver("le").build();

        proxies.updateSettings(moved);

        assertThat(proxies.settings()).isEqualTo(moved);
        assertThat(new PlatformProxyManager(orbitr.store(), orbitr.clock(), data, id -> generator).settings())
                .isEqualTo(moved);
        assertThat(file).doesNotExist();
        assertThat(data.resolve("traefik-dynamic").resolve("orbitr.yml")).exists();
    }

    @Test
    void settingsTheRoutesCannotLiveWithAreRefused() {
        proxies.create(route("web", "app"));
        proxies.create(route("www", "app.example.org"));
        ProxySettings before = proxies.settings();

        assertThatThrownBy(() -> proxies.updateSettings(before.toBuilder().defaultDomain("example.org").build()))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> proxies.updateSettings(before.toBuilder().provider("nginx").build()))
                .isInstanceOf(MissingProviderException.class).hasMessageContaining("nginx");

        assertThat(proxies.settings()).isEqualTo(before);
    }

    @Test
    void theDefaultsAreTraefikUnderTheDataDirectory() {
        try (TestStore other = new TestStore(testStore.kind());
                Orbitr fresh = Orbitr.builder().noDiscovery().store(other.settings()).dataDirectory(data).build()) {
            assertThat(fresh.proxies().settings()).isEqualTo(ProxySettings.defaults());
            assertThat(fresh.proxies().list()).isEmpty();
            assertThatThrownBy(() -> fresh.proxies().create(route("web", "app")))
                    .isInstanceOf(MissingProviderException.class).hasMessageContaining("orbitr-proxy-traefik");
            assertThat(fresh.lookup(ProxyManager.class)).contains(fresh.proxies());
        }
    }

    @Test
    void regenerateRewritesAFileDeletedByHand() throws IOException {
        proxies.create(route("web", "app"));
        Files.delete(file);

        proxies.regenerate();

        assertThat(content()).contains("web app.example.com");
    }

    @Test
    void containerLabelsComeFromTheConfiguredGenerator() {
        assertThat(proxies.containerLabels(List.of(route("web", "app")))).containsEntry("lines", "1");
    }
}
