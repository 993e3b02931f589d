package io.orbitr.process;

import io.orbitr.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * When and how a supervised process is restarted after it exits, as supervisord and s6 do it: delays grow from
 * {@code initialDelay} to {@code maxDelay}; {@code maxFailures} failures inside {@code failureWindow} mark the
 * process FAILED instead of looping forever.
 *
 * @param mode          when to restart
 * @param initialDelay  the delay before the first restart
 * @param maxDelay      the cap on the growing delay
 * @param maxFailures   failures inside the window that mark the process FAILED
 * @param failureWindow the window in which failures are counted
 */
public record RestartPolicy(Mode mode, Duration initialDelay, Duration maxDelay, int maxFailures,
        Duration failureWindow) {

    /** When to restart. */
    public enum Mode {
        /** Never restart. */
        NEVER,
        /** Restart after a non-zero exit or a death by signal. */
        ON_FAILURE,
        /** Restart after every exit that was not asked for. */
        ALWAYS
    }

    /** Validates the policy. */
    public RestartPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(failureWindow, "failureWindow");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new InvalidValueException("maxDelay", maxDelay, "must be at least the initial delay");
        }
        if (maxFailures < 1) {
            throw new InvalidValueException("maxFailures", maxFailures, "must be 1 or more");
        }
    }

    /** @return never restart */
    public static RestartPolicy never() {
        return new RestartPolicy(Mode.NEVER, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ofMinutes(1));
    }

    /** @return restart on failure: 1 s growing to 60 s, FAILED after 5 failures in 5 minutes */
    public static RestartPolicy onFailure() {
        return new RestartPolicy(Mode.ON_FAILURE, Duration.ofSeconds(1), Duration.ofSeconds(60), 5,
                Duration.ofMinutes(5));
    }
}
