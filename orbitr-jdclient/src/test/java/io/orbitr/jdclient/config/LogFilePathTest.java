package io.orbitr.jdclient.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** jd-client's log_file follows the rule for paths a user sets: relative stays home, absolute as given. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LogFilePathTest {

    @Test
    void aRelativeLogFileThatClimbsOutIsAProblemNamingTheKey() {
        ValidationResult result = ConfigFixtures.valid().logFile("../../elsewhere/jdc.log").build().validate();
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("log_file");
            assertThat(problem.value()).isEqualTo("../../elsewhere/jdc.log");
            assertThat(problem.rule()).contains("must stay inside the data directory");
        });
    }

    @Test
    void relativeAndAbsoluteLogFilesAreAccepted() {
        assertThat(ConfigFixtures.valid().logFile("logs/jdc.log").build().validate().problems()).isEmpty();
        assertThat(ConfigFixtures.valid().logFile("/var/log/jdc.log").build().validate().problems()).isEmpty();
    }
}
