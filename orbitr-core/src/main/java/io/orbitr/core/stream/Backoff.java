package io.orbitr.core.stream;

import io.orbitr.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * How long the hub waits before each attempt to reopen a broken stream: {@code initial}, then growing by
 * {@code multiplier} per failed attempt up to {@code max}, each spread by up to {@code jitter} either way so that
 * many streams broken by one engine restart do not all reconnect at the same instant.
 *
 * @param initial     the wait before the first attempt
 * @param max         the longest wait
 * @param multiplier  the growth per attempt, at least 1
 * @param jitter      the spread, a fraction from 0 (none) to 0.5
 * @param maxAttempts the attempts before the hub gives up and fails the stream; 0 for no limit
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter, int maxAttempts) {

    /** The default: 200 ms doubling up to 30 s, 20 % jitter, no limit (a dashboard waits for its engine). */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), 2, 0.2, 0);

    /** Validates the values. */
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative()) {
            throw new InvalidValueException("backoff initial", initial, "must not be negative");
        }
        if (max.compareTo(initial) < 0) {
            throw new InvalidValueException("backoff max", max, "must be at least the initial wait " + initial);
        }
        if (!(multiplier >= 1)) {
            throw new InvalidValueException("backoff multiplier", multiplier, "must be at least 1");
        }
        if (!(jitter >= 0 && jitter <= 0.5)) {
            throw new InvalidValueException("backoff jitter", jitter, "must be between 0 and 0.5");
        }
        if (maxAttempts < 0) {
            throw new InvalidValueException("backoff maxAttempts", maxAttempts, "must be 0 (no limit) or more");
        }
    }

    /**
     * @param attempt the attempt, from 1
     * @param random  a number in [0, 1) that places the wait inside the jitter
     * @return the wait before that attempt
     */
    public Duration delay(int attempt, double random) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        millis = Math.min(millis, max.toMillis());
        millis *= 1 + jitter * (2 * random - 1);
        return Duration.ofMillis(Math.round(Math.max(0, millis)));
    }

    /**
     * @param attempts the attempts made
     * @return whether the hub gives up after them
     */
    public boolean exhausted(int attempts) {
        return maxAttempts > 0 && attempts > maxAttempts;
    }
}
