package io.orbitr.examples.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orbitr.store.PostgresqlSettings;
import io.orbitr.testing.TestStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --store}: the launcher on the test PostgreSQL database, and what a bad value says. */
class StoreOptionTest {
    private final TestStore database = new TestStore(TestStore.Kind.POSTGRESQL);

    @TempDir
    Path dataDir;

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void statusRunsOnAPostgresqlStoreGivenAsAUriWithThePasswordInAFile() throws Exception {
        PostgresqlSettings test = (PostgresqlSettings) database.settings();
        String uri = test.url().replace("jdbc:postgresql://", "postgresql://" + test.user() + "@");
        LauncherRun run = LauncherRun.of("status", "--json", "--data-dir", dataDir.toString(),
                "--docker-host", "tcp://127.0.0.1:1", "--store", uri,
                "--store-password-file", test.password().reference(), "--store-schema", test.schema().orElseThrow());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode status = new ObjectMapper().readTree(run.out());
        assertThat(status.path("store").asText()).isEqualTo(test.url() + " as " + test.user() + " (schema "
                + test.schema().orElseThrow() + ")");
    }

    @Test
    void aStoreThatIsNeitherH2NorPostgresqlIsRefusedByName() {
        LauncherRun run = LauncherRun.of("status", "--data-dir", dataDir.toString(), "--store", "mysql://db/orbitr");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--store").contains("postgresql://");
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedWithoutBeingShown() {
        LauncherRun run = LauncherRun.of("status", "--data-dir", dataDir.toString(), "--store",
                "postgresql://orbitr:s3cret-77@db/orbitr");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("must not hold the password").doesNotContain("s3cret-77");
    }
}
