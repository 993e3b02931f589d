package io.orbitr.jdclient.metrics;

import io.orbitr.InvalidValueException;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One value of one metric of one source at one time: a row of the store's {@code metrics} table.
 *
 * @param source    what was measured: an instance id
 * @param metric    the metric's name, for example {@code process.cpu_percent} (see {@link MetricNames})
 * @param timestamp when it was measured (stored to the millisecond)
 * @param value     the value, finite
 */
public record MetricSample(String source, String metric, Instant timestamp, double value) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    /** Names already checked: the pattern costs more than the rest of a sample, and a few names recur. */
    private static final java.util.Set<String> VALID_NAMES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Validates the sample. */
    public MetricSample {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(timestamp, "timestamp");
        if (source.isBlank() || source.length() > 100) {
            throw new InvalidValueException("source", source, "must be 1 to 100 characters");
        }
        if (!VALID_NAMES.contains(metric)) {
            if (!NAME.matcher(metric).matches()) {
                throw new InvalidValueException("metric", metric,
                        "must be lowercase letters, digits, '.', '_' and '-'");
            }
            if (VALID_NAMES.size() < 10_000) {
                VALID_NAMES.add(metric);
            }
        }
        if (!Double.isFinite(value)) {
            throw new InvalidValueException("value", value, "must be a finite number");
        }
    }

    /** @return the timestamp in epoch milliseconds, as stored */
    public long epochMillis() {
        return timestamp.toEpochMilli();
    }
}
