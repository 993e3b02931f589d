package io.orbitr.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.process.ProcessSpec;
import io.orbitr.process.RestartPolicy;
import io.orbitr.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A relative log file of a supervised program is written under the data directory, not the working directory. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessLogPathIT {
    @TempDir
    Path data;

    @Test
    void aRelativeLogFileLivesUnderTheDataDirectory() {
        try (LocalProcessSupervisor processes = LocalProcessSupervisor.builder().dataDirectory(data).build()) {
            processes.start(ProcessSpec.builder("log-path-it", "sh").args("-c", "echo hello-from-the-data-dir")
                    .restartPolicy(RestartPolicy.never()).logFile(Path.of("logs/log-path-it.log")).build());
            Path expected = data.resolve("logs/log-path-it.log");
            Await.until("the line in " + expected, Duration.ofSeconds(20), () -> {
                try {
                    return Files.exists(expected) && Files.readString(expected).contains("hello-from-the-data-dir");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            assertThat(Path.of("logs/log-path-it.log").toAbsolutePath()).doesNotExist();
        }
    }
}
