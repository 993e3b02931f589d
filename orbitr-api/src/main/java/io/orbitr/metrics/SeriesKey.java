package io.orbitr.metrics;

import io.orbitr.InvalidValueException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a series measures: a metric of a source of some kind, for example kind {@code container}, source a container
 * id, metric {@code cpu_percent}. Retention is set per kind.
 *
 * @param kind   the kind of source: lowercase letters, digits and {@code -}, up to 64 characters
 * @param source the source's id within its kind, 1 to 200 characters
 * @param metric the metric's name: lowercase letters, digits, {@code .}, {@code _} and {@code -}, up to 100
 *               characters
 */
public record SeriesKey(String kind, String source, String metric) {
    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern METRIC = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    /** Validates the key. */
    public SeriesKey {
        checkKind(kind);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(metric, "metric");
        if (source.isBlank() || source.length() > 200) {
            throw new InvalidValueException("source", source, "must be 1 to 200 characters, not blank");
        }
        if (!METRIC.matcher(metric).matches()) {
            throw new InvalidValueException("metric", metric,
                    "must be 1 to 100 lowercase letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
    }

    /**
     * @param kind   the kind of source
     * @param source the source's id
     * @param metric the metric's name
     * @return the key
     */
    public static SeriesKey of(String kind, String source, String metric) {
        return new SeriesKey(kind, source, metric);
    }

    /**
     * @param kind a kind of source
     * @return the kind, when valid
     * @throws InvalidValueException when it is not lowercase letters, digits and {@code -}, up to 64 characters
     */
    public static String checkKind(String kind) {
        Objects.requireNonNull(kind, "kind");
        if (!KIND.matcher(kind).matches()) {
            throw new InvalidValueException("kind", kind, "must be 1 to 64 lowercase letters, digits and '-'");
        }
        return kind;
    }
}
