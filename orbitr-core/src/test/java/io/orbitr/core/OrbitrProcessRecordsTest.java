package io.orbitr.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.process.ProcessSchema;
import io.orbitr.process.ProcessSpec;
import io.orbitr.process.ProcessState;
import io.orbitr.store.Store;
import io.orbitr.testing.Await;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The platform's supervisor keeps a row per live run in the platform's store, and only while the run lives. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@OnEveryStore
class OrbitrProcessRecordsTest {
    @Parameter
    TestStore testStore;


    @Test
    void aRunIsRecordedWhileItLivesAndForgottenOnceItEnded(@TempDir Path data) {
        try (Orbitr orbitr = Orbitr.builder().noDiscovery().store(testStore.durableSettings()).dataDirectory(data)
                .build()) {
            assertThat(orbitr.store().schemaVersion(ProcessSchema.COMPONENT)).isEqualTo(1);
            long pid = orbitr.processes().start(ProcessSpec.builder("sleeper", "sleep").args("1000").build())
                    .pid().orElseThrow();
            orbitr.processes().start(ProcessSpec.builder("short", "sh").args("-c", "exit 0").build());

            Await.until("the short run to end", () -> orbitr.processes().status("short").orElseThrow().state()
                    == ProcessState.EXITED);
            Await.until("the short run's row to go", () -> rows(orbitr.store()).size() == 1);
            assertThat(rows(orbitr.store())).containsExactly("sleeper " + pid + " " + pid);

            orbitr.processes().stop("sleeper");
            assertThat(rows(orbitr.store())).isEmpty();
        }
    }

    private static List<String> rows(Store store) {
        return store.read(connection -> {
            List<String> rows = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT name, pid, process_group, start_ticks FROM supervised_processes ORDER BY name");
                    ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    assertThat(result.getLong(4)).isPositive();
                    rows.add(result.getString(1) + " " + result.getLong(2) + " " + result.getLong(3));
                }
            }
            return rows;
        });
    }
}
