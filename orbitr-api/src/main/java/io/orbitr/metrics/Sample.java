package io.orbitr.metrics;

import io.orbitr.InvalidValueException;
import java.time.Instant;
import java.util.Objects;

/**
 * One value of one series at one time.
 *
 * @param key   the series
 * @param time  when it was measured (stored to the millisecond)
 * @param value the value, finite
 */
public record Sample(SeriesKey key, Instant time, double value) {

    /** Validates the sample. */
    public Sample {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(time, "time");
        if (!Double.isFinite(value)) {
            throw new InvalidValueException("value", value, "must be a finite number (series " + key + ")");
        }
    }

    /** @return the time in epoch milliseconds, as stored */
    public long epochMillis() {
        return time.toEpochMilli();
    }
}
