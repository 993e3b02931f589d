package io.orbitr.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.OrbitrException;
import io.orbitr.core.Orbitr;
import io.orbitr.store.Migration;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@OnEveryStore
class SchemaMigrationTest {

    @Parameter
    TestStore store;

    @TempDir
    Path dataDir;

    private Orbitr open(io.orbitr.spi.Provider... providers) {
        return Orbitr.builder().noDiscovery().dataDirectory(dataDir).store(store.durableSettings()).register(providers)
                .build();
    }

    @Test
    void aFreshDatabaseGetsEveryPlatformTable() {
        try (Orbitr orbitr = open()) {
            assertThat(orbitr.store().schemaVersion(CoreSchema.COMPONENT)).isEqualTo(2);
            List<String> tables = orbitr.store().read(connection -> {
                List<String> names = new java.util.ArrayList<>();
                try (ResultSet rows = connection.getMetaData().getTables(null, connection.getSchema(), "%",
                        new String[] {"TABLE"})) {
                    while (rows.next()) {
                        names.add(rows.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
                    }
                }
                return names;
            });
            assertThat(tables).contains("settings", "ts_series", "ts_blocks", "ts_rollups", "health_targets",
                    "health_results", "proxy_routes", "notifications", "orbitr_schema_version")
                    .doesNotContain("metrics", "ts_legacy_samples");
            // Each module owns its tables: jd-client's come with orbitr-jdclient; the unused 0.1 table is gone.
            assertThat(tables).doesNotContain("saved_configs", "instances", "update_history", "extensions");
        }
        if (!store.isPostgresql()) {
            assertThat(dataDir.resolve("orbitr.mv.db")).exists();
        }
    }

    @Test
    void aSecondStartIsANoOpAndKeepsTheData() {
        try (Orbitr orbitr = open()) {
            orbitr.store().inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO settings VALUES ('greeting', 'hello', 1)");
                }
            });
        }
        long appliedAt = appliedAt();
        try (Orbitr orbitr = open()) {
            assertThat(orbitr.store().schemaVersion(CoreSchema.COMPONENT)).isEqualTo(2);
            assertThat(count(orbitr, USER_SETTINGS)).isEqualTo(1);
        }
        assertThat(appliedAt()).isEqualTo(appliedAt);
    }

    @Test
    void aDatabaseWrittenByANewerOrbitrRefusesToOpen() {
        try (Orbitr orbitr = open()) {
            orbitr.store().inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE orbitr_schema_version SET version = 7 WHERE component = 'orbitr'");
                }
            });
        }
        assertThatThrownBy(this::open)
                .isInstanceOf(OrbitrException.class)
                .hasMessageContaining("written by a newer Orbitr")
                .hasMessageContaining("version 7")
                .hasMessageContaining("knows up to 2");
    }

    @Test
    void aFailingMigrationStopsTheStartAndLeavesTheSchemaAtTheLastGoodVersion() {
        SchemaOwner owner = new SchemaOwner(List.of(
                Migration.of(1, "create widgets", "CREATE TABLE widgets (id INT PRIMARY KEY)"),
                Migration.of(2, "broken step", "INSERT INTO widgets VALUES (1)", "INSERT INTO widgets VALUES (1)")));
        assertThatThrownBy(() -> open(owner))
                .isInstanceOf(OrbitrException.class)
                .hasMessageContaining("schema 'widgets' migration to version 2 (broken step) failed")
                .hasMessageContaining("stays at version 1");
        SchemaOwner fixed = new SchemaOwner(List.of(
                Migration.of(1, "create widgets", "CREATE TABLE widgets (id INT PRIMARY KEY)"),
                Migration.of(2, "fixed step", "INSERT INTO widgets VALUES (1)")));
        try (Orbitr orbitr = open(fixed)) {
            assertThat(orbitr.store().schemaVersion("widgets")).isEqualTo(2);
            // The failed step's insert was rolled back with it: the fixed step inserts the only row.
            assertThat(count(orbitr, "widgets")).isEqualTo(1);
        }
    }

    @Test
    void migrationsWithAGapAreRefused() {
        SchemaOwner gap = new SchemaOwner(List.of(Migration.of(1, "one", "SELECT 1"), Migration.of(3, "three", "SELECT 1")));
        assertThatThrownBy(() -> open(gap)).hasMessageContaining("without gaps");
    }

    @Test
    void aFailedTransactionLeavesNoHalfRecord() {
        try (Orbitr orbitr = open()) {
            assertThatThrownBy(() -> orbitr.store().inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO settings VALUES ('a', '1', 1)");
                    s.executeUpdate("INSERT INTO settings VALUES ('a', 'duplicate key', 1)");
                }
                return null;
            })).isInstanceOf(OrbitrException.class).hasMessageContaining("the store");
            assertThat(count(orbitr, USER_SETTINGS)).isZero();
        }
    }

    /** The settings rows a test wrote: the platform's own secret key check is always there. */
    private static final String USER_SETTINGS = "settings WHERE setting_key <> '"
            + io.orbitr.core.secret.PlatformSecrets.KEY_CHECK_SETTING + "'";

    private static long count(Orbitr orbitr, String table) {
        return orbitr.store().<Long>read(c -> JdbcStore.queryLong(c, "SELECT COUNT(*) FROM " + table));
    }

    private long appliedAt() {
        try (JdbcStore opened = Stores.open(store.durableSettings(), dataDir)) {
            return opened.read(c -> JdbcStore.queryLong(c,
                    "SELECT applied_at FROM orbitr_schema_version WHERE component = 'orbitr'"));
        }
    }

    /** A provider that owns a schema component named {@code widgets}. */
    private record SchemaOwner(List<Migration> migrations) implements io.orbitr.spi.FeatureProvider<Runnable> {
        @Override
        public String id() {
            return "widgets";
        }

        @Override
        public Class<Runnable> type() {
            return Runnable.class;
        }

        @Override
        public Runnable create(io.orbitr.spi.ProviderContext context) {
            return () -> { };
        }
    }
}
