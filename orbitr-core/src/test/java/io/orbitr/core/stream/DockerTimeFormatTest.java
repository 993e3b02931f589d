package io.orbitr.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A download writes times as {@code docker logs -t} does, with nine fractional digits always. */
class DockerTimeFormatTest {

    @Test
    void fractionalSecondsAreNeverTrimmed() {
        assertThat(LogDownloader.DOCKER_TIME.format(Instant.parse("2026-11-22T14:50:05.873382Z")))
                .isEqualTo("2026-11-22T14:50:05.873382000Z");
        assertThat(LogDownloader.DOCKER_TIME.format(Instant.parse("2026-11-22T14:50:05Z")))
                .isEqualTo("2026-11-22T14:50:05.000000000Z");
        assertThat(LogDownloader.DOCKER_TIME.format(Instant.parse("2026-11-22T14:50:05.123456789Z")))
                .isEqualTo("2026-11-22T14:50:05.123456789Z");
    }
}
