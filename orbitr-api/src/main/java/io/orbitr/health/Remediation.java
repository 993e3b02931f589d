package io.orbitr.health;

import io.orbitr.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * What the monitor may do on its own when a target stays DOWN: restart the container or the supervised process
 * behind it. Off unless a target carries one. Built to avoid the restart loops users of autoheal complain about:
 * a restart needs {@code afterDownChecks} consecutive DOWN checks, at most {@code maxRestarts} happen inside
 * {@code window}, each further restart in the window waits a growing delay ({@code initialDelay}, doubled each
 * time, capped at {@code maxDelay}), and a target the user stopped on purpose is never restarted.
 *
 * @param action          what to restart
 * @param subject         the container's or process's name
 * @param afterDownChecks consecutive DOWN checks before the first restart, and again after each restart
 * @param maxRestarts     restarts allowed inside {@code window}; then the monitor gives up until the window frees one
 * @param window          the sliding window in which restarts are counted
 * @param initialDelay    the least time between the first and the second restart in the window
 * @param maxDelay        the cap on the growing delay between restarts
 */
public record Remediation(Action action, String subject, int afterDownChecks, int maxRestarts, Duration window,
        Duration initialDelay, Duration maxDelay) {

    /** What a remediation restarts. */
    public enum Action {
        /** Restart a container through the container engine. */
        RESTART_CONTAINER,
        /** Restart a native process through the process supervisor. */
        RESTART_PROCESS
    }

    /** Validates the remediation. */
    public Remediation {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (subject.isBlank()) {
            throw new InvalidValueException("remediation.subject", subject, "must name a container or process");
        }
        if (afterDownChecks < 1 || afterDownChecks > 10_000) {
            throw new InvalidValueException("remediation.afterDownChecks", afterDownChecks,
                    "must be between 1 and 10000");
        }
        if (maxRestarts < 1 || maxRestarts > 1_000) {
            throw new InvalidValueException("remediation.maxRestarts", maxRestarts, "must be between 1 and 1000");
        }
        if (window.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidValueException("remediation.window", window, "must be at least 1 s");
        }
        if (initialDelay.isNegative()) {
            throw new InvalidValueException("remediation.initialDelay", initialDelay, "must not be negative");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new InvalidValueException("remediation.maxDelay", maxDelay, "must be at least the initial delay "
                    + initialDelay);
        }
    }

    /**
     * @param container the container's name or id
     * @return a remediation that restarts it, with defaults: after 3 DOWN checks, at most 3 restarts per hour,
     *     delays from 30 s growing to 10 minutes
     */
    public static Remediation restartContainer(String container) {
        return new Remediation(Action.RESTART_CONTAINER, container, 3, 3, Duration.ofHours(1),
                Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    /**
     * @param process the supervised process's name
     * @return a remediation that restarts it, with the defaults of {@link #restartContainer(String)}
     */
    public static Remediation restartProcess(String process) {
        return new Remediation(Action.RESTART_PROCESS, process, 3, 3, Duration.ofHours(1), Duration.ofSeconds(30),
                Duration.ofMinutes(10));
    }

    /**
     * @param checks consecutive DOWN checks before a restart
     * @return a copy with that threshold
     */
    public Remediation afterDownChecks(int checks) {
        return new Remediation(action, subject, checks, maxRestarts, window, initialDelay, maxDelay);
    }

    /**
     * @param restarts the most restarts inside the window
     * @param within   the window
     * @return a copy with that cap
     */
    public Remediation maxRestarts(int restarts, Duration within) {
        return new Remediation(action, subject, afterDownChecks, restarts, within, initialDelay, maxDelay);
    }

    /**
     * @param initial the delay before the second restart in a window
     * @param max     the cap on the doubling delay
     * @return a copy with those delays
     */
    public Remediation delays(Duration initial, Duration max) {
        return new Remediation(action, subject, afterDownChecks, maxRestarts, window, initial, max);
    }

    /**
     * @param restartsInWindow restarts already made inside the window
     * @return the least time since the previous restart before the next one: zero for the first, then
     *     {@code initialDelay * 2^(n-1)} capped at {@code maxDelay}
     */
    public Duration delayBefore(int restartsInWindow) {
        if (restartsInWindow <= 0) {
            return Duration.ZERO;
        }
        int shift = Math.min(restartsInWindow - 1, 30);
        long millis = initialDelay.toMillis() << shift;
        if (millis < 0 || (shift > 0 && millis >> shift != initialDelay.toMillis())) {
            return maxDelay;
        }
        Duration delay = Duration.ofMillis(millis);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
