package io.orbitr.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.PageRequest;
import io.orbitr.backup.BackupSettings;
import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.PostgresqlStores;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.core.store.Stores;
import io.orbitr.store.PasswordSource;
import io.orbitr.store.PostgresqlSettings;
import io.orbitr.store.StoreSettings;
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
 * A backup schedule is taken on every store archives can hold: the embedded H2 file and PostgreSQL (with pg_dump;
 * several servers on one store take turns through the job's lease). Where they cannot (a private in-memory
 * database), the schedule is refused, and a stored one is skipped.
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
        StoreSettings settings = testStore.durableSettings();
        PasswordSource password = settings instanceof PostgresqlSettings postgresql ? postgresql.password()
                : PasswordSource.none();
        store = Stores.open(settings, data);
        backups = backups(store, password);
    }

    private PlatformBackups backups(JdbcStore on, PasswordSource password) {
        new SchemaMigrator(on, clock).migrate(Map.of(CoreSchema.COMPONENT, CoreSchema.migrations()));
        return new PlatformBackups(on, data, clock, unused, () -> {
            throw new AssertionError("no engine");
        }, List::of, Optional::empty, new DirectExecutor(), PostgresqlTools.system(),
                () -> PostgresqlStores.password(password));
    }

    @AfterEach
    void close() {
        backups.close();
        store.close();
        unused.shutdownNow();
    }

    @Test
    void aScheduleIsTakenOnEveryStoreArchivesCanHold() {
        backups.updateSettings(HOURLY);
        backups.checkSchedule();
        assertThat(backups.list(PageRequest.first(10)).total()).hasValue(1);
        assertThat(backups.verify(backups.list(PageRequest.first(1)).items().get(0).file()).storeFormat())
                .startsWith(testStore.isPostgresql() ? "postgresql " : "h2 ");
    }

    @Test
    void aScheduleIsRefusedWhereArchivesCannotHoldTheStore() {
        if (testStore.isPostgresql()) {
            return; // one run is enough: the store here is a private in-memory database
        }
        try (JdbcStore memory = Stores.open(StoreSettings.h2InMemory(), data)) {
            PlatformBackups inMemory = backups(memory, PasswordSource.none());
            try {
                assertThatThrownBy(() -> inMemory.updateSettings(HOURLY)).isInstanceOf(InvalidValueException.class)
                        .hasMessageContaining("schedule").hasMessageContaining("in memory");
                inMemory.updateSettings(HOURLY.toBuilder().noSchedule().keep(3).build());
                assertThat(inMemory.settings().keep()).isEqualTo(3);
                // As a schedule stored by other means would be: skipped, not failing every minute.
                StoreFixture.putSetting(memory, BackupSettingsStore.KEY, BackupSettingsStore.toJson(HOURLY));
                inMemory.checkSchedule();
                clock.advance(Duration.ofHours(2));
                inMemory.checkSchedule();
                assertThat(inMemory.list(PageRequest.first(10)).total()).hasValue(0);
            } finally {
                inMemory.close();
            }
        }
    }
}
