package io.orbitr.docker.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EngineTimestampsTest {

    private static Instant parse(String text) {
        byte[] bytes = ("xx" + text).getBytes(StandardCharsets.US_ASCII);
        return EngineTimestamps.parse(bytes, 2, bytes.length - 2);
    }

    @Test
    void readsTheEnginesFixedFormAndOtherRfc3339Forms() {
        assertThat(parse("2026-11-22T14:46:50.339853976Z")).isEqualTo(Instant.parse("2026-11-22T14:46:50.339853976Z"));
        assertThat(parse("2024-02-29T23:59:59.000000001Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.000000001Z"));
        assertThat(parse("2026-11-22T14:46:50.5+01:00")).isEqualTo(Instant.parse("2026-11-22T13:46:50.5Z"));
    }

    @Test
    void aReaderThatRemembersItsLastSecondReadsTheSameInstants() {
        EngineTimestamps.LastSecond last = new EngineTimestamps.LastSecond();
        for (String text : new String[] {"2026-11-22T14:46:50.339853976Z", "2026-11-22T14:46:50.000000001Z",
                "2026-11-22T14:46:51.999999999Z", "2026-11-22T14:46:51.5+01:00", "2026-11-22T14:46:51.000000007Z",
                "2026-11-23T14:46:51.000000007Z"}) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            assertThat(EngineTimestamps.parse(bytes, 0, bytes.length, last)).as(text)
                    .isEqualTo(java.time.OffsetDateTime.parse(text).toInstant());
        }
        byte[] broken = "2026-11-23T14:46:51.00000x007Z".getBytes(StandardCharsets.US_ASCII);
        assertThat(EngineTimestamps.parse(broken, 0, broken.length, last)).isNull();
    }

    @Test
    void saysWhenBytesAreNotATimestamp() {
        assertThat(parse("2026-02-30T14:46:50.339853976Z")).isNull();
        assertThat(parse("hello, world")).isNull();
        byte[] line = "2026-11-22T14:46:50.339853976Z text".getBytes(StandardCharsets.US_ASCII);
        assertThat(EngineTimestamps.startsWithFixed(line, 0, line.length)).isTrue();
        assertThat(EngineTimestamps.startsWithFixed(line, 1, line.length)).isFalse();
    }

    @Test
    void writesInstantsAsTheEngineTakesThem() {
        assertThat(EngineTimestamps.toQueryValue(Instant.parse("2026-11-22T14:46:50.000000042Z")))
                .isEqualTo(Instant.parse("2026-11-22T14:46:50Z").getEpochSecond() + ".000000042");
        assertThat(EngineTimestamps.toQueryValue(Instant.parse("1960-01-01T00:00:00Z"))).isEqualTo("0.000000000");
    }
}
