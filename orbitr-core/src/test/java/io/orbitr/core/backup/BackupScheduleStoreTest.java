package io.orbitr.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.PageRequest;
import io.orbitr.backup.BackupSettings;
import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.core.store.Stores;
import io.orbitr.testing.DirectExecutor;
import io.orbitr.testing.ManualClock;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A backup schedule is taken where archives can hold the store (the embedded H2 file), and refused where they cannot
 * (PostgreSQL, which several servers share): no server then takes the job only to fail at it every minute.
 */
@Timeout(60)
@OnEveryStore
class BackupScheduleStoreTest {
    private static final BackupSettings HOURLY = BackupSettings.builder().schedule(Duration.ofHours(1)).build();

    @Parameter
    TestStore testStore;

    @TempDir
    Path data;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T00:00:00Z"));
    private final ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();
    private JdbcStore store;
    private PlatformBackups backups;

    @BeforeEach
    void open() {
        store = Stores.open(testStore.durableSettings(), data);
        new SchemaMigrator(store, clock).migrate(Map.of(CoreSchema.COMPONENT, CoreSchema.migrations()));
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
    void aScheduleIsTakenOnlyWhereArchivesCanHoldTheStore() {
        if (!testStore.isPostgresql()) {
            backups.updateSettings(HOURLY);
            backups.checkSchedule();
            assertThat(backups.list(PageRequest.first(10)).total()).hasValue(1);
            return;
        }
        assertThatThrownBy(() -> backups.updateSettings(HOURLY)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("schedule").hasMessageContaining("pg_dump");
        backups.updateSettings(HOURLY.toBuilder().noSchedule().keep(3).build());
        assertThat(backups.settings().keep()).isEqualTo(3);
    }

    @Test
    void aStoredScheduleThatCannotRunIsSkippedWithoutFailing() {
        if (!testStore.isPostgresql()) {
            return;
        }
        // As a schedule saved while the platform still used H2 would be.
        StoreFixture.putSetting(store, BackupSettingsStore.KEY, BackupSettingsStore.toJson(HOURLY));
        backups.checkSchedule();
        clock.advance(Duration.ofHours(2));
        backups.checkSchedule();
        assertThat(backups.list(PageRequest.first(10)).total()).hasValue(0);
    }
}
