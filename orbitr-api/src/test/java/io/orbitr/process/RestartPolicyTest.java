package io.orbitr.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    @Test
    void theDelayDoublesPerFailureUpToTheCap() {
        RestartPolicy policy = new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, Duration.ofSeconds(1),
                Duration.ofSeconds(10), 5, Duration.ofMinutes(1));

        assertThat(policy.delayAfter(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aZeroDelayStaysZero() {
        RestartPolicy policy = new RestartPolicy(RestartPolicy.Mode.ALWAYS, Duration.ZERO, Duration.ofSeconds(5), 3,
                Duration.ofMinutes(1));

        assertThat(policy.delayAfter(1000)).isZero();
    }

    @Test
    void whichExitsRestart() {
        assertThat(RestartPolicy.never().restartsAfter(1)).isFalse();
        assertThat(RestartPolicy.onFailure().restartsAfter(0)).isFalse();
        assertThat(RestartPolicy.onFailure().restartsAfter(137)).isTrue();
        assertThat(RestartPolicy.always().restartsAfter(0)).isTrue();
        assertThat(RestartPolicy.onFailure().withMode(RestartPolicy.Mode.ALWAYS)).isEqualTo(RestartPolicy.always());
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> new RestartPolicy(RestartPolicy.Mode.ALWAYS, Duration.ofSeconds(-1),
                Duration.ofSeconds(1), 1, Duration.ofMinutes(1))).isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid initialDelay 'PT-1S': must not be negative");
        assertThatThrownBy(() -> new RestartPolicy(RestartPolicy.Mode.ALWAYS, Duration.ofSeconds(5),
                Duration.ofSeconds(1), 1, Duration.ofMinutes(1))).isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid maxDelay 'PT1S': must be at least the initial delay PT5S");
        assertThatThrownBy(() -> new RestartPolicy(RestartPolicy.Mode.ALWAYS, Duration.ZERO, Duration.ZERO, 0,
                Duration.ofMinutes(1))).hasMessage("invalid maxFailures '0': must be 1 or more");
        assertThatThrownBy(() -> new RestartPolicy(RestartPolicy.Mode.ALWAYS, Duration.ZERO, Duration.ZERO, 1,
                Duration.ZERO)).hasMessage("invalid failureWindow 'PT0S': must be positive");
    }
}
