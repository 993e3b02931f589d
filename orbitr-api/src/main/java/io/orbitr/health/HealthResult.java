package io.orbitr.health;

import io.orbitr.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The immutable outcome of one check.
 *
 * @param status    the verdict
 * @param message   a short human explanation, empty when there is nothing to say
 * @param details   JSON-safe facts (strings, numbers, booleans), for example {@code statusCode=200}
 * @param timestamp when the check started
 * @param duration  how long it took
 */
public record HealthResult(
        HealthStatus status, String message, Map<String, Object> details, Instant timestamp, Duration duration) {

    /** Validates the result and freezes its details (details already frozen by a result are shared, not copied). */
    public HealthResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(duration, "duration");
        if (!(details instanceof Frozen)) {
            Map<String, Object> copy = new LinkedHashMap<>();
            details.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "details key"),
                    jsonSafe(key, value)));
            details = copy.isEmpty() ? Frozen.EMPTY : new Frozen(copy);
        }
    }

    /**
     * @param status  the verdict
     * @param message a short explanation
     * @return a result with no details, stamped {@link Instant#EPOCH} and zero duration; the monitor stamps the real
     *     start time and duration with {@link #timed(Instant, Duration)}
     */
    public static HealthResult of(HealthStatus status, String message) {
        return new HealthResult(status, message, Map.of(), Instant.EPOCH, Duration.ZERO);
    }

    /**
     * @param message a short explanation
     * @return an UP result
     */
    public static HealthResult up(String message) {
        return of(HealthStatus.UP, message);
    }

    /**
     * @param message a short explanation
     * @return a DOWN result
     */
    public static HealthResult down(String message) {
        return of(HealthStatus.DOWN, message);
    }

    /**
     * @param key   the detail's name
     * @param value a string, number or boolean
     * @return a copy with that detail added or replaced
     */
    public HealthResult withDetail(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.put(Objects.requireNonNull(key, "details key"), jsonSafe(key, value));
        return new HealthResult(status, message, new Frozen(copy), timestamp, duration);
    }

    /**
     * @param started when the check started
     * @param took    how long it took
     * @return a copy with that timing
     */
    public HealthResult timed(Instant started, Duration took) {
        return new HealthResult(status, message, details, started, took);
    }

    /**
     * Details as a result holds them: an unmodifiable view of a map no one else can reach, so results made from
     * other results (stamped, re-statused) share it instead of copying it at thousands of results a second.
     */
    private static final class Frozen extends AbstractMap<String, Object> {
        static final Frozen EMPTY = new Frozen(Map.of());
        private final Map<String, Object> view;

        Frozen(Map<String, Object> owned) {
            this.view = Collections.unmodifiableMap(owned);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return view.entrySet();
        }

        @Override
        public Object get(Object key) {
            return view.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return view.containsKey(key);
        }

        @Override
        public int size() {
            return view.size();
        }
    }

    private static Object jsonSafe(String key, Object value) {
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            if (number instanceof Double d && (d.isNaN() || d.isInfinite())) {
                throw new InvalidValueException("details." + key, value, "must be a finite number");
            }
            return number;
        }
        throw new InvalidValueException("details." + key, value, "must be a string, number or boolean");
    }
}
