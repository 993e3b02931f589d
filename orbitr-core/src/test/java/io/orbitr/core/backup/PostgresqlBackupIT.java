package io.orbitr.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.UnavailableException;
import io.orbitr.backup.BackupInfo;
import io.orbitr.backup.BackupManifest;
import io.orbitr.backup.BackupOptions;
import io.orbitr.backup.BackupPart;
import io.orbitr.backup.DamagedBackupException;
import io.orbitr.backup.RestoreOptions;
import io.orbitr.backup.RestoreResult;
import io.orbitr.core.cluster.ClusterSchema;
import io.orbitr.core.extension.ExtensionSchema;
import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.PostgresqlStores;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.core.store.Stores;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.store.PostgresqlSettings;
import io.orbitr.testing.DirectExecutor;
import io.orbitr.testing.ManualClock;
import io.orbitr.testing.TestStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups of a PostgreSQL store with the real pg_dump and pg_restore against the test PostgreSQL database, each test
 * on a schema of its own (dropped after): every row comes back, a schema in use or holding tables is refused unless
 * forced, a damaged archive or a dump pg_restore refuses writes nothing, archives of the other kind of store are
 * refused, and a missing pg_dump says what to install.
 */
@Timeout(120)
class PostgresqlBackupIT {
    private final TestStore database = new TestStore(TestStore.Kind.POSTGRESQL);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();
    private final Supplier<ContainerEngine> noEngine = () -> {
        throw new AssertionError("no engine");
    };

    @TempDir
    Path root;

    private PostgresqlSettings settings;
    private String schema;
    private JdbcStore store;
    private PlatformBackups backups;

    @BeforeEach
    void populate() {
        settings = (PostgresqlSettings) database.settings();
        schema = settings.schema().orElseThrow();
        store = Stores.open(settings, root.resolve("data"));
        new SchemaMigrator(store, clock).migrate(Map.of(CoreSchema.COMPONENT, CoreSchema.migrations(),
                ExtensionSchema.COMPONENT, ExtensionSchema.migrations(), ClusterSchema.COMPONENT,
                ClusterSchema.migrations()));
        store.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO health_targets (id, name, group_name, definition, paused, created_at,"
                        + " updated_at) VALUES ('api', 'API', 'main', '{\"type\":\"http\"}', FALSE, 1, 2),"
                        + " ('db', 'Database', 'main', '{\"type\":\"tcp\"}', TRUE, 3, 4)");
                statement.execute("INSERT INTO health_results (target_id, status, response_ms, message, details,"
                        + " checked_at) VALUES ('api', 'UP', 12, 'ok', '{}', 100), ('api', 'DOWN', 0, 'refused', '{}',"
                        + " 160), ('db', 'UP', 3, 'ok', '{}', 100)");
                statement.execute("INSERT INTO extension_installs (id, state, manifest, previous_manifest, inputs,"
                        + " secrets, installed_at, updated_at, engine) VALUES ('wiki', 'INSTALLED',"
                        + " '{\"id\":\"wiki\"}', NULL, '{}', '{\"scheme\":\"sealed\",\"values\":\"enc:v1:AAAA\"}',"
                        + " 10, 11, 'local')");
                statement.execute("INSERT INTO extension_journal (extension_id, kind, resource, created_at) VALUES"
                        + " ('wiki', 'container', 'wiki-app', 10)");
                statement.execute("INSERT INTO settings (setting_key, setting_value, updated_at) VALUES"
                        + " ('proxy.settings', '{\"provider\":\"caddy\"}', 5)");
            }
            return null;
        });
        backups = backups(PostgresqlTools.system());
    }

    private PlatformBackups backups(PostgresqlTools tools) {
        return new PlatformBackups(store, root.resolve("data"), clock, unused, noEngine, List::of, Optional::empty,
                new DirectExecutor(), tools, () -> PostgresqlStores.password(settings.password()));
    }

    @AfterEach
    void close() {
        backups.close();
        store.close();
        unused.shutdownNow();
        database.close();
    }

    @Test
    void everyRowComesBackAfterTheSchemaIsDropped() {
        BackupInfo made = backups.create(BackupOptions.builder().build());
        BackupManifest manifest = backups.verify(made.file());
        assertThat(manifest.storeFormat()).startsWith("postgresql ").endsWith("pg_dump custom schema " + schema);
        assertThat(manifest.part(StoreSnapshot.PGDUMP_ENTRY).orElseThrow().kind()).isEqualTo(BackupPart.Kind.STORE);
        Map<String, List<String>> before = rows();
        assertThat(before.get("health_results")).hasSize(3);
        assertThat(before.get("extension_installs")).hasSize(1);

        // The platform itself refuses to restore over the store it runs on.
        assertThatThrownBy(() -> backups.restore(RestoreOptions.builder(made.file(), root.resolve("elsewhere"))
                .store(settings).build())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("this platform runs on it");

        store.close();
        database.execute("DROP SCHEMA " + schema + " CASCADE");
        RestoreResult result = restore(made.file(), root.resolve("restored"), false);
        assertThat(result.manifest().storeFormat()).isEqualTo(manifest.storeFormat());

        reopen();
        assertThat(rows()).isEqualTo(before);
        // The identity columns go on after the restored rows.
        long next = store.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO health_results (target_id, status, response_ms, message, details,"
                        + " checked_at) VALUES ('db', 'UP', 1, 'ok', '{}', 200)");
            }
            return JdbcStore.queryLong(connection, "SELECT MAX(id) FROM health_results");
        });
        assertThat(next).isEqualTo(4);
    }

    @Test
    void aSchemaInUseOrHoldingTablesIsRefusedUnlessForced() {
        BackupInfo made = backups.create(BackupOptions.builder().build());
        Map<String, List<String>> before = rows();
        store.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM health_targets WHERE id = 'db'");
                statement.execute("INSERT INTO settings (setting_key, setting_value, updated_at) VALUES"
                        + " ('later', 'x', 9)");
                statement.execute("INSERT INTO orbitr_leases (name, holder, expires_at, acquired_at) VALUES"
                        + " ('health-share:server:other', 'other-host/1/abcd', "
                        + clock.instant().plus(Duration.ofMinutes(1)).toEpochMilli() + ", 0)");
            }
            return null;
        });

        assertThatThrownBy(() -> restore(made.file(), root.resolve("one"), false))
                .isInstanceOf(ConflictException.class).hasMessageContaining("servers still use")
                .hasMessageContaining("other-host/1/abcd");
        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> restore(made.file(), root.resolve("two"), false))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already holds")
                .hasMessageContaining("health_targets").hasMessageContaining("force");
        assertThat(root.resolve("two")).doesNotExist();

        store.close();
        restore(made.file(), root.resolve("three"), true);
        reopen();
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aDamagedArchiveOrARefusedDumpWritesNothing() throws Exception {
        BackupInfo made = backups.create(BackupOptions.builder().build());
        store.close();
        database.execute("DROP SCHEMA " + schema + " CASCADE");

        Path damaged = root.resolve("damaged.zip");
        copyWithFlippedByte(made.file(), damaged, StoreSnapshot.PGDUMP_ENTRY);
        assertThatThrownBy(() -> restore(damaged, root.resolve("target"), false))
                .isInstanceOf(DamagedBackupException.class).hasMessageContaining(StoreSnapshot.PGDUMP_ENTRY);
        assertThat(schemaExists()).isFalse();
        assertThat(root.resolve("target")).doesNotExist();

        // Whole as an archive, but not a dump pg_restore takes: the database is left as it was.
        Path bogus = root.resolve("bogus.zip");
        try (ArchiveWriter writer = new ArchiveWriter(bogus)) {
            writer.add(StoreSnapshot.PGDUMP_ENTRY, BackupPart.Kind.STORE, 0600,
                    out -> out.write("PGDMP but not really".getBytes(StandardCharsets.UTF_8)));
            writer.finish(new BackupManifest(BackupManifest.FORMAT, "test", clock.instant(),
                    StoreFormat.postgresql("15", schema).text(), writer.parts(), List.of(), List.of()));
        }
        assertThatThrownBy(() -> restore(bogus, root.resolve("target"), false))
                .hasMessageContaining("pg_restore").hasMessageContaining("unchanged");
        assertThat(schemaExists()).isFalse();
        assertThat(root.resolve("target")).doesNotExist();
        reopen();
    }

    @Test
    void anArchiveOfTheOtherKindOfStoreIsRefused() {
        BackupInfo postgresqlArchive = backups.create(BackupOptions.builder().build());
        assertThatThrownBy(() -> new BackupRestore(clock, Optional.empty(), noEngine, "busybox")
                .restore(RestoreOptions.builder(postgresqlArchive.file(), root.resolve("h2")).build()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("PostgreSQL store (postgresql ")
                .hasMessageContaining("an H2 store");

        Path h2Data = root.resolve("h2-data");
        try (JdbcStore h2 = StoreFixture.open(h2Data, clock);
                PlatformBackups h2Backups = new PlatformBackups(h2, h2Data, clock, unused, noEngine, List::of,
                        Optional::empty, new DirectExecutor())) {
            BackupInfo h2Archive = h2Backups.create(BackupOptions.builder().build());
            assertThatThrownBy(() -> restore(h2Archive.file(), root.resolve("pg"), true))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("an H2 store (h2 ")
                    .hasMessageContaining("a PostgreSQL store");
        }
        assertThat(rows().get("health_targets")).hasSize(2);
    }

    @Test
    void withoutPgDumpTheBackupSaysWhatToInstall() throws IOException {
        Path empty = Files.createDirectory(root.resolve("empty-path"));
        PostgresqlTools missing = new PostgresqlTools(name -> name.equals("PATH") ? empty.toString()
                : System.getenv(name), Duration.ofMinutes(1));
        try (PlatformBackups without = backups(missing)) {
            assertThatThrownBy(() -> without.create(BackupOptions.builder().build()))
                    .isInstanceOf(UnavailableException.class).hasMessageContaining("pg_dump")
                    .hasMessageContaining("apt-get install postgresql-client");
        }
        Path written = root.resolve("data/backups");
        if (Files.exists(written)) {
            assertThat(written).isEmptyDirectory();
        }
    }

    private RestoreResult restore(Path archive, Path target, boolean force) {
        return new BackupRestore(clock, Optional.empty(), noEngine, "busybox", Optional.empty(),
                PostgresqlTools.system()).restore(RestoreOptions.builder(archive, target).store(settings)
                .force(force).build());
    }

    private void reopen() {
        store.close();
        store = Stores.open(settings, root.resolve("data"));
    }

    private boolean schemaExists() {
        try (JdbcStore probe = Stores.open(PostgresqlSettings.builder(settings.url()).user(settings.user())
                .password(settings.password()).build(), root)) {
            return probe.read(connection -> JdbcStore.queryLong(connection,
                    "SELECT COUNT(*) FROM pg_namespace WHERE nspname = ?", schema)) > 0;
        }
    }

    /** @return every table of the schema, each with its rows as text, sorted */
    private Map<String, List<String>> rows() {
        return store.read(connection -> {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT table_name FROM"
                    + " information_schema.tables WHERE table_schema = ?")) {
                select.setString(1, schema);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        tables.add(result.getString(1));
                    }
                }
            }
            Map<String, List<String>> all = new TreeMap<>();
            for (String table : tables) {
                List<String> rows = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                        ResultSet result = statement.executeQuery("SELECT * FROM " + schema + "." + table)) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(result.getMetaData().getColumnName(i)).append('=')
                                    .append(result.getString(i)).append(';');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                all.put(table, rows);
            }
            return all;
        });
    }

    private static void copyWithFlippedByte(Path from, Path to, String entryName) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(from).get();
                ZipArchiveOutputStream out = new ZipArchiveOutputStream(to)) {
            for (Enumeration<ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements(); ) {
                ZipArchiveEntry entry = entries.nextElement();
                byte[] content;
                try (InputStream in = zip.getInputStream(entry)) {
                    content = in.readAllBytes();
                }
                if (entry.getName().equals(entryName)) {
                    content[content.length / 2] ^= 0x5a;
                }
                out.putArchiveEntry(new ZipArchiveEntry(entry.getName()));
                out.write(content);
                out.closeArchiveEntry();
            }
        }
    }
}
