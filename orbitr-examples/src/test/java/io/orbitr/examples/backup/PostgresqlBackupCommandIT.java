package io.orbitr.examples.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.Stores;
import io.orbitr.examples.launcher.LauncherRun;
import io.orbitr.store.PostgresqlSettings;
import io.orbitr.testing.TestStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orbitr backup create} and {@code restore} with {@code --store postgresql://...} on the test PostgreSQL
 * database (a schema of its own): the launcher hands the store's password to pg_dump and pg_restore, and the rows
 * come back after the schema is dropped.
 */
@Timeout(180)
class PostgresqlBackupCommandIT {
    private final TestStore database = new TestStore(TestStore.Kind.POSTGRESQL);

    @TempDir
    Path root;

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void aPostgresqlStoreIsBackedUpAndRestoredFromTheCommandLine() {
        PostgresqlSettings settings = (PostgresqlSettings) database.settings();
        String schema = settings.schema().orElseThrow();
        String[] store = {"--store", "postgresql://" + settings.user() + "@"
                + settings.url().substring(PostgresqlSettings.JDBC_PREFIX.length()), "--store-schema", schema,
                "--store-password-file", settings.password().reference()};
        Path archive = root.resolve("pg.zip");

        LauncherRun create = LauncherRun.of(args(store, "backup", "create", "--data-dir", root.resolve("data")
                .toString(), "--to", archive.toString()));
        assertThat(create.exitCode()).as(create.err()).isZero();
        List<String> before = migrations(settings);
        assertThat(before).isNotEmpty();

        database.execute("DROP SCHEMA " + schema + " CASCADE");
        LauncherRun restore = LauncherRun.of(args(store, "backup", "restore", archive.toString(), "--data-dir",
                root.resolve("restored").toString()));
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(migrations(settings)).isEqualTo(before);

        LauncherRun refused = LauncherRun.of(args(store, "backup", "restore", archive.toString(), "--data-dir",
                root.resolve("again").toString()));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("already holds").contains("force");
    }

    private static String[] args(String[] store, String... command) {
        return Stream.concat(Stream.of(command), Stream.of(store)).toArray(String[]::new);
    }

    /** @return the rows the platform's migrations recorded as it started for the backup */
    private List<String> migrations(PostgresqlSettings settings) {
        try (JdbcStore store = Stores.open(settings, root)) {
            return store.read(connection -> {
                List<String> rows = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("SELECT component, version, applied_at"
                        + " FROM orbitr_schema_version ORDER BY component");
                        ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3));
                    }
                }
                return rows;
            });
        }
    }
}
