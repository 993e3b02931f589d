package io.orbitr.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void growsByTheMultiplierUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 3, 0, 0);

        assertThat(backoff.delay(1, 0.9)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(2, 0.9)).isEqualTo(Duration.ofMillis(300));
        assertThat(backoff.delay(3, 0.9)).isEqualTo(Duration.ofMillis(900));
        assertThat(backoff.delay(4, 0.9)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(60, 0.9)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.exhausted(1000)).isFalse();
    }

    @Test
    void jitterSpreadsEachWaitBothWays() {
        Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(10), 2, 0.2, 3);

        assertThat(backoff.delay(1, 0)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.delay(1, 0.5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.delay(1, 0.999)).isBetween(Duration.ofMillis(1199), Duration.ofMillis(1200));
        assertThat(backoff.exhausted(3)).isFalse();
        assertThat(backoff.exhausted(4)).isTrue();
    }

    @Test
    void refusesValuesThatMakeNoSense() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0, 0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("backoff max");
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ZERO, 0.5, 0, 0))
                .hasMessageContaining("backoff multiplier");
    }
}
