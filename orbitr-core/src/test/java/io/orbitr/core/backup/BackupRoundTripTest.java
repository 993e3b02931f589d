package io.orbitr.core.backup;

import io.orbitr.testing.DirectExecutor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.backup.BackupInfo;
import io.orbitr.backup.BackupManifest;
import io.orbitr.backup.BackupOptions;
import io.orbitr.backup.BackupPart;
import io.orbitr.backup.BackupParticipant;
import io.orbitr.backup.BackupProgress;
import io.orbitr.backup.InventoryItem;
import io.orbitr.backup.RestoreOptions;
import io.orbitr.backup.RestoreResult;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.PageRequest;
import io.orbitr.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BackupRoundTripTest {
    @TempDir
    Path root;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Path data;
    private JdbcStore store;
    private PlatformBackups backups;

    @BeforeEach
    void populate() throws Exception {
        data = root.resolve("data");
        store = StoreFixture.open(data, clock);
        StoreFixture.putSetting(store, "proxy.settings", "{\"provider\":\"caddy\"}");
        StoreFixture.putSetting(store, "secret.row", "enc:v1:AAAA");
        Files.createDirectories(data.resolve("proxy"));
        Files.writeString(data.resolve("proxy/Caddyfile"), "example.com {\n}\n");
        Path config = data.resolve("jdclient/instances/a1/jdc-config.toml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "secret = 'x'\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(data.resolve("jdclient/instances/a1/jdc.log"), "a log line\n");
        Files.writeString(data.resolve("jdclient/instances/a1/jdc.log.1"), "an older line\n");
        Files.writeString(data.resolve("secret.key"), "the key");
        Files.writeString(data.resolve("proxy/.Caddyfile.123.tmp"), "half");
        Path binary = data.resolve("jdclient/versions/v1.0.0/jd_client_sv2");
        Files.createDirectories(binary.getParent());
        Files.write(binary, new byte[] {1, 2, 3});
        backups = backups(data, store);
    }

    private PlatformBackups backups(Path dataDirectory, JdbcStore on) {
        BackupParticipant jd = new BackupParticipant() {
            @Override
            public List<String> excludedPaths() {
                return List.of("jdclient/versions");
            }

            @Override
            public List<InventoryItem> inventory(Path directory) {
                return List.of(new InventoryItem("jdclient", "jd-client v1.0.0", "jdclient/versions/v1.0.0/jd_client_sv2",
                        3, "0".repeat(64)));
            }
        };
        Supplier<ContainerEngine> noEngine = () -> {
            throw new AssertionError("no engine in this test");
        };
        return new PlatformBackups(on, dataDirectory, clock, scheduler, noEngine, () -> List.of(jd), Optional::empty,
                new DirectExecutor());
    }

    @AfterEach
    void close() {
        backups.close();
        store.close();
        scheduler.shutdownNow();
    }

    @Test
    void anArchiveHoldsTheStoreAndTheFilesButNotTheKeyLogsTemporariesOrBinaries() {
        List<BackupProgress> heard = new ArrayList<>();
        BackupInfo made = backups.create(BackupOptions.builder().listener(heard::add).build());

        assertThat(made.file()).isEqualTo(data.resolve("backups/orbitr-backup-20261203T100000000Z.zip"));
        BackupManifest manifest = backups.verify(made.file());
        assertThat(manifest.parts()).extracting(BackupPart::path).containsExactly("store/orbitr.mv.db",
                "files/jdclient/instances/a1/jdc-config.toml", "files/proxy/Caddyfile");
        assertThat(manifest.part("files/jdclient/instances/a1/jdc-config.toml").orElseThrow().mode()).isEqualTo(0600);
        assertThat(manifest.storeFormat()).startsWith("h2 2.");
        assertThat(manifest.createdAt()).isEqualTo(clock.instant());
        assertThat(manifest.inventory()).extracting(InventoryItem::name).containsExactly("jd-client v1.0.0");
        assertThat(heard).last().extracting(BackupProgress::phase).isEqualTo(BackupProgress.Phase.DONE);
        assertThat(heard).last().extracting(BackupProgress::partsDone).isEqualTo(3);
        assertThat(backups.list(PageRequest.first(10)).items()).extracting(BackupInfo::file)
                .containsExactly(made.file());
    }

    @Test
    void aRestoredDirectoryHoldsTheSameRowsAndFilesByteForByte() throws Exception {
        BackupInfo made = backups.create(BackupOptions.defaults());
        StoreFixture.putSetting(store, "written.after", "not in the backup");
        Path target = root.resolve("restored");

        RestoreResult result = backups.restore(RestoreOptions.builder(made.file(), target).build());

        assertThat(result.files()).isEqualTo(3);
        assertThat(Files.readAllBytes(target.resolve("proxy/Caddyfile")))
                .isEqualTo(Files.readAllBytes(data.resolve("proxy/Caddyfile")));
        Path config = target.resolve("jdclient/instances/a1/jdc-config.toml");
        assertThat(Files.readString(config)).isEqualTo("secret = 'x'\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(target.resolve("secret.key")).doesNotExist();
        assertThat(target.resolve("jdclient/instances/a1/jdc.log")).doesNotExist();
        assertThat(target.resolve("jdclient/versions")).doesNotExist();
        assertThat(root).isDirectoryNotContaining(p -> p.getFileName().toString().contains(".restore-"));
        List<List<String>> before = StoreFixture.rows(store, "settings");
        try (JdbcStore restored = StoreFixture.open(target, clock)) {
            List<List<String>> after = StoreFixture.rows(restored, "settings");
            assertThat(after).hasSize(2).isSubsetOf(before);
            assertThat(after).extracting(row -> row.get(0)).containsExactly("proxy.settings", "secret.row");
        }
    }

    @Test
    void aDirectoryThatIsNotEmptyIsRefusedUnlessForcedAndThenMovedAside() throws Exception {
        BackupInfo made = backups.create(BackupOptions.defaults());
        Path target = root.resolve("busy");
        Files.createDirectories(target);
        Files.writeString(target.resolve("keep.txt"), "mine");

        assertThatThrownBy(() -> backups.restore(RestoreOptions.builder(made.file(), target).build()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("not empty");
        assertThat(target).isDirectoryContaining(p -> p.getFileName().toString().equals("keep.txt"));

        RestoreResult result = backups.restore(RestoreOptions.builder(made.file(), target).force(true).build());
        assertThat(result.movedAside()).isPresent();
        assertThat(Files.readString(result.movedAside().get().resolve("keep.txt"))).isEqualTo("mine");
        assertThat(target.resolve("keep.txt")).doesNotExist();
        assertThat(target.resolve("proxy/Caddyfile")).exists();
    }

    @Test
    void theRunningPlatformsOwnDirectoryIsNeverATarget() {
        BackupInfo made = backups.create(BackupOptions.defaults());
        assertThatThrownBy(() -> backups.restore(RestoreOptions.builder(made.file(), data).force(true).build()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("this platform runs on it");
    }

    @Test
    void anExistingTargetFileIsNotReplaced() throws Exception {
        Path target = root.resolve("taken.zip");
        Files.writeString(target, "someone's file");
        assertThatThrownBy(() -> backups.create(BackupOptions.builder().target(target).build()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("exists already");
        assertThat(Files.readString(target)).isEqualTo("someone's file");
    }
}
