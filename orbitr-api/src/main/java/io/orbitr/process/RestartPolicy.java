package io.orbitr.process;

import io.orbitr.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * When and how a supervised process is restarted after it exits, as supervisord and s6 do it.
 *
 * <p>A <em>failure</em> is an exit with a non-zero code, a death by signal, any exit before the spec's start period
 * has passed, or a program that cannot be started at all. The delay before a restart grows with the failures
 * counted so far, {@code initialDelay}, twice that, four times that, up to {@code maxDelay}; {@code maxFailures}
 * failures inside {@code failureWindow} mark the process FAILED instead of looping forever. A start that survives
 * the start period resets the count, so a process that runs well for a while and then crashes starts over at
 * {@code initialDelay}.
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
        /** Restart after every exit that was not asked for, including exit code 0. */
        ALWAYS
    }

    /** Validates the policy. */
    public RestartPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(failureWindow, "failureWindow");
        if (initialDelay.isNegative()) {
            throw new InvalidValueException("initialDelay", initialDelay, "must not be negative");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new InvalidValueException("maxDelay", maxDelay, "must be at least the initial delay " + initialDelay);
        }
        if (maxFailures < 1) {
            throw new InvalidValueException("maxFailures", maxFailures, "must be 1 or more");
        }
        if (failureWindow.isNegative() || failureWindow.isZero()) {
            throw new InvalidValueException("failureWindow", failureWindow, "must be positive");
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

    /** @return restart after every exit: 1 s growing to 60 s on failures, FAILED after 5 failures in 5 minutes */
    public static RestartPolicy always() {
        return new RestartPolicy(Mode.ALWAYS, Duration.ofSeconds(1), Duration.ofSeconds(60), 5,
                Duration.ofMinutes(5));
    }

    /**
     * @param mode another mode
     * @return this policy with that mode
     */
    public RestartPolicy withMode(Mode mode) {
        return new RestartPolicy(mode, initialDelay, maxDelay, maxFailures, failureWindow);
    }

    /**
     * @param exitCode an exit code (128 + the signal number for a death by signal)
     * @return whether this policy restarts a process that exited with it, start period aside
     */
    public boolean restartsAfter(int exitCode) {
        return switch (mode) {
            case NEVER -> false;
            case ON_FAILURE -> exitCode != 0;
            case ALWAYS -> true;
        };
    }

    /**
     * The delay before a restart: {@code initialDelay} doubled for each failure before the last, capped at
     * {@code maxDelay}.
     *
     * @param failures the failures counted in the window, the last one included; 0 or 1 give the initial delay
     * @return the delay
     */
    public Duration delayAfter(int failures) {
        Duration delay = initialDelay;
        for (int i = 1; i < failures && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.isZero() ? delay : delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
