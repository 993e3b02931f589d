package io.orbitr.core.backup;

import io.orbitr.testing.DirectExecutor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.backup.BackupInfo;
import io.orbitr.backup.BackupSettings;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.PageRequest;
import io.orbitr.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Scheduled backups follow the clock, not the wall: time is moved by the test. */
@Timeout(60)
class ScheduledBackupsTest {
    @TempDir
    Path data;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T00:00:00Z"));
    private final ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();
    private JdbcStore store;
    private PlatformBackups backups;

    @BeforeEach
    void open() {
        store = StoreFixture.open(data, clock);
        backups = new PlatformBackups(store, data, clock, unused, () -> {
            throw new AssertionError("no engine");
        }, List::of, Optional::empty, new DirectExecutor());
    }

    @AfterEach
    void close() {
        backups.close();
        store.close();
        unused.shutdownNow();
    }

    @Test
    void withoutAScheduleNothingIsTaken() {
        backups.checkSchedule();
        assertThat(backups.list(PageRequest.first(10)).total()).hasValue(0);
    }

    @Test
    void aScheduleTakesABackupEachIntervalAndKeepsTheNewest() throws Exception {
        backups.updateSettings(BackupSettings.builder().schedule(Duration.ofHours(1)).keep(2).build());
        Path mine = data.resolve("backups/mine.zip");

        backups.checkSchedule();
        assertThat(backups.list(PageRequest.first(10)).total()).hasValue(1);
        Files.copy(backups.list(PageRequest.first(1)).items().get(0).file(), mine);

        clock.advance(Duration.ofMinutes(30));
        backups.checkSchedule();
        assertThat(backups.list(PageRequest.first(10)).total()).hasValue(2);

        clock.advance(Duration.ofMinutes(31));
        backups.checkSchedule();
        clock.advance(Duration.ofHours(1));
        backups.checkSchedule();

        List<BackupInfo> left = backups.list(PageRequest.first(10)).items();
        assertThat(left).extracting(info -> info.file().getFileName().toString()).containsExactly(
                "orbitr-backup-20261203T020100000Z.zip", "orbitr-backup-20261203T010100000Z.zip", "mine.zip");
    }

    @Test
    void settingsAreKeptInTheStoreAndChecked() {
        BackupSettings settings = BackupSettings.builder().schedule(Duration.ofHours(6)).keep(3)
                .directory(Path.of("elsewhere")).volumes(true).helperImage("orbitr-test/busybox:1").build();
        backups.updateSettings(settings);
        assertThat(backups.settings()).isEqualTo(settings);
        assertThat(StoreFixture.rows(store, "settings")).extracting(row -> row.get(0)).contains("backup.settings");
        assertThatThrownBy(() -> BackupSettings.builder().directory(Path.of("../outside")).build())
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("directory");
        assertThatThrownBy(() -> BackupSettings.builder().schedule(Duration.ofSeconds(5)).build())
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("schedule");
        assertThatThrownBy(() -> BackupSettings.builder().keep(0).build())
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("keep");
    }
}
