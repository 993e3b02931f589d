package io.orbitr.metrics;

import io.orbitr.InvalidValueException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How finely a range is returned: every raw sample, or one point per minute, hour or UTC day (buckets aligned to
 * the epoch in UTC).
 */
public enum Resolution {
    /** Every sample, one point each. */
    RAW(Duration.ZERO),
    /** One-minute buckets. */
    MINUTE(Duration.ofMinutes(1)),
    /** One-hour buckets. */
    HOUR(Duration.ofHours(1)),
    /** One-day buckets (UTC days). */
    DAY(Duration.ofDays(1));

    private final long millis;

    Resolution(Duration size) {
        this.millis = size.toMillis();
    }

    /** @return the bucket size in milliseconds, 0 for {@link #RAW} */
    public long millis() {
        return millis;
    }

    /**
     * @param epochMillis a time
     * @return the start of the bucket that holds it ({@code epochMillis} itself for {@link #RAW})
     */
    public long floor(long epochMillis) {
        return millis == 0 ? epochMillis : Math.floorDiv(epochMillis, millis) * millis;
    }

    /**
     * @param epochMillis a time
     * @return the first bucket start at or after it ({@code epochMillis} itself for {@link #RAW})
     */
    public long ceil(long epochMillis) {
        long floor = floor(epochMillis);
        return floor == epochMillis ? floor : floor + millis;
    }

    /**
     * @param text {@code raw}, {@code minute}, {@code hour} or {@code day}, in any case
     * @return the resolution
     * @throws InvalidValueException naming the accepted values when it is none of them
     */
    public static Resolution parse(String text) {
        for (Resolution r : values()) {
            if (r.name().equalsIgnoreCase(text.trim())) {
                return r;
            }
        }
        throw new InvalidValueException("resolution", text, "must be one of " + Arrays.stream(values())
                .map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
