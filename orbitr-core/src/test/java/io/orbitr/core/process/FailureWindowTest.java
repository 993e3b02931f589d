package io.orbitr.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailureWindowTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(60);

    @Test
    void countsOnlyTheFailuresInsideTheWindow() {
        FailureWindow window = new FailureWindow();

        assertThat(window.record(T0, WINDOW)).isEqualTo(1);
        assertThat(window.record(T0.plusSeconds(30), WINDOW)).isEqualTo(2);
        assertThat(window.record(T0.plusSeconds(59), WINDOW)).isEqualTo(3);
        // At T0+60 the first failure is exactly one window old and no longer counts.
        assertThat(window.record(T0.plusSeconds(60), WINDOW)).isEqualTo(3);
        assertThat(window.record(T0.plusSeconds(200), WINDOW)).isEqualTo(1);
    }

    @Test
    void resetForgetsEverything() {
        FailureWindow window = new FailureWindow();
        window.record(T0, WINDOW);
        window.record(T0.plusSeconds(1), WINDOW);

        window.reset();

        assertThat(window.count()).isZero();
        assertThat(window.record(T0.plusSeconds(2), WINDOW)).isEqualTo(1);
    }
}
