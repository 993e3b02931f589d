package io.orbitr.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessSpecTest {

    @Test
    void theBuilderHasSensibleDefaultsAndRoundTrips() {
        ProcessSpec spec = ProcessSpec.builder("jdc-1", "/opt/jdc/jd_client_sv2").args("-c", "jdc.toml")
                .environment("RUST_LOG", "info").stopSignal(ProcessSpec.StopSignal.INT)
                .logFile(Path.of("logs/jdc-1.log")).logRotation(new LogRotation(1 << 20, 5)).build();

        assertThat(spec.gracePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.startPeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(spec.restartPolicy()).isEqualTo(RestartPolicy.onFailure());
        assertThat(spec.logBufferLines()).isEqualTo(10_000);
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
        assertThat(ProcessSpec.builder("a", "b").build().logRotation()).isEqualTo(LogRotation.defaults());
    }

    @Test
    void theFirstConstructorStillWorks() {
        ProcessSpec spec = new ProcessSpec("old", "true", List.of(), Map.of(), Optional.empty(),
                ProcessSpec.StopSignal.TERM, Duration.ofSeconds(1), Duration.ZERO, RestartPolicy.never(),
                Optional.empty(), 10);

        assertThat(spec.logRotation()).isEqualTo(LogRotation.defaults());
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> ProcessSpec.builder("Bad Name", "true").build())
                .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("invalid name 'Bad Name'");
        assertThatThrownBy(() -> ProcessSpec.builder("x", "true").environment("A=B", "c").build())
                .hasMessageStartingWith("invalid environment 'A=B'");
        assertThatThrownBy(() -> ProcessSpec.builder("x", "true").args("a\0b").build())
                .hasMessageStartingWith("invalid args 'a\\u0000b'");
        assertThatThrownBy(() -> ProcessSpec.builder("x", "true").logBufferLines(0).build())
                .hasMessage("invalid logBufferLines '0': must be between 1 and 1000000");
        assertThatThrownBy(() -> new LogRotation(10, 1)).hasMessage("invalid maxFileBytes '10': must be at least 1024 bytes");
        assertThatThrownBy(() -> new LogRotation(4096, -1)).hasMessage("invalid backups '-1': must be between 0 and 1000");
    }
}
