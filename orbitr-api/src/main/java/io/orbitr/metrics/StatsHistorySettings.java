package io.orbitr.metrics;

import io.orbitr.InvalidValueException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the platform records the stats of running containers.
 *
 * @param interval  how often every running container is sampled; {@link Duration#ZERO} turns recording off
 * @param retention how long samples are kept, positive
 */
public record StatsHistorySettings(Duration interval, Duration retention) {
    /** The default interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    /** Validates the values. */
    public StatsHistorySettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(retention, "retention");
        if (interval.isNegative() || (!interval.isZero() && interval.compareTo(Duration.ofSeconds(1)) < 0)) {
            throw new InvalidValueException("interval", interval, "must be 0 (off) or at least 1 second");
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new InvalidValueException("retention", retention, "must be positive");
        }
    }

    /** @return a sample every 10 s, kept 7 days */
    public static StatsHistorySettings defaults() {
        return new StatsHistorySettings(DEFAULT_INTERVAL, TimeSeries.DEFAULT_RETENTION);
    }

    /**
     * @param interval  {@code 10s}, {@code 1m}, ... or {@code 0} / {@code off} to turn recording off
     * @param retention {@code 7d}, {@code 12h}, ...
     * @return the settings
     * @throws InvalidValueException naming the field and the accepted forms
     */
    public static StatsHistorySettings parse(String interval, String retention) {
        String off = interval.trim().toLowerCase(Locale.ROOT);
        Duration every = off.equals("off") || off.equals("0") ? Duration.ZERO : duration("interval", interval);
        return new StatsHistorySettings(every, duration("retention", retention));
    }

    /** @return whether recording is on */
    public boolean enabled() {
        return !interval.isZero();
    }

    /**
     * @param value how often every running container is sampled, {@link Duration#ZERO} for off
     * @return these settings with it
     */
    public StatsHistorySettings withInterval(Duration value) {
        return new StatsHistorySettings(value, retention);
    }

    /**
     * @param value how long samples are kept
     * @return these settings with it
     */
    public StatsHistorySettings withRetention(Duration value) {
        return new StatsHistorySettings(interval, value);
    }

    private static Duration duration(String field, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidValueException(field, text, "must be a number followed by ms, s, m, h or d, for"
                    + " example 10s or 7d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
