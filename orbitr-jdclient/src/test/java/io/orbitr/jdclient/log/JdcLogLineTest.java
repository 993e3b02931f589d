package io.orbitr.jdclient.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JdcLogLineTest {

    @Test
    void parsesJdClientsTracingFormat() {
        assertThat(JdcLogLine.parse("2026-05-11T16:08:45.280653Z  INFO jd_client_sv2::channel_manager: Required"
                + " template data received, ready to accept connections")).contains(new JdcLogLine(
                Instant.parse("2026-05-11T16:08:45.280653Z"), LogLevel.INFO, "jd_client_sv2::channel_manager",
                "Required template data received, ready to accept connections"));
        assertThat(JdcLogLine.parse("2026-05-11T16:08:46.000001Z ERROR jd_client_sv2::upstream: Attempt 1/3 failed"
                + " for pool=10.0.0.1:34254, jds=10.0.0.1:34264: refused")).hasValueSatisfying(l -> {
                    assertThat(l.level()).isEqualTo(LogLevel.ERROR);
                    assertThat(l.message()).startsWith("Attempt 1/3 failed for pool=10.0.0.1:34254");
                });
    }

    @Test
    void ignoresColourCodesAndRefusesOtherLines() {
        assertThat(JdcLogLine.parse("\u001B[2m2026-05-11T16:08:45.280653Z\u001B[0m \u001B[33m WARN\u001B[0m"
                + " \u001B[2mjd_client_sv2\u001B[0m\u001B[2m:\u001B[0m Waiting for initial template"))
                .map(JdcLogLine::level).contains(LogLevel.WARN);
        assertThat(JdcLogLine.parse("Job Declarator Client config error: missing field `upstreams`")).isEmpty();
        assertThat(JdcLogLine.parse("thread 'main' panicked at src/lib.rs:42:9:")).isEmpty();
    }

    @Test
    void readsRustLogLevelsInAnyCase() {
        assertThat(LogLevel.parse("Debug")).contains(LogLevel.DEBUG);
        assertThat(LogLevel.parse("verbose")).isEmpty();
        assertThat(LogLevel.TRACE.rustLog()).isEqualTo("trace");
    }
}
