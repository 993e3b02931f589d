package io.orbitr.health;

import io.orbitr.InvalidValueException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A check's type and its options, as stored and as written in JSON or YAML, with typed accessors that refuse a
 * bad value by naming the option, for example {@code invalid http.port 'eighty': must be a whole number}.
 *
 * @param type    the check type: the id of the {@link HealthCheckProvider} that runs it
 * @param options the options: strings, numbers, booleans and lists of those
 */
public record CheckSpec(String type, Map<String, Object> options) {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)");

    /** Validates the type and freezes the options. */
    public CheckSpec {
        Objects.requireNonNull(type, "type");
        if (!type.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new InvalidValueException("type", type, "must be lowercase letters, digits and '-'");
        }
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * @param type    the check type
     * @param options alternating keys and values
     * @return the spec
     */
    public static CheckSpec of(String type, Object... options) {
        if (options.length % 2 != 0) {
            throw new IllegalArgumentException("options come in key, value pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put((String) options[i], options[i + 1]);
        }
        return new CheckSpec(type, map);
    }

    /**
     * @param key an option's name
     * @return its text, or empty when absent
     */
    public Optional<String> string(String key) {
        Object value = options.get(key);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    /**
     * @param key an option's name
     * @return its text
     * @throws InvalidValueException when it is absent or blank
     */
    public String requireString(String key) {
        return string(key).filter(s -> !s.isBlank())
                .orElseThrow(() -> new InvalidValueException(field(key), "", "is required"));
    }

    /**
     * @param key      an option's name
     * @param fallback the value when absent
     * @return its value as a long
     */
    public long number(String key, long fallback) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(field(key), value, "must be a whole number");
        }
    }

    /**
     * @param key an option's name
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return its value
     * @throws InvalidValueException when absent or out of range
     */
    public int requireInt(String key, int min, int max) {
        if (!options.containsKey(key)) {
            throw new InvalidValueException(field(key), "", "is required");
        }
        return intInRange(key, number(key, 0), min, max);
    }

    /**
     * @param key      an option's name
     * @param fallback the value when absent
     * @param min      the smallest allowed value
     * @param max      the largest allowed value
     * @return its value
     */
    public int integer(String key, int fallback, int min, int max) {
        return intInRange(key, number(key, fallback), min, max);
    }

    /**
     * @param key      an option's name
     * @param fallback the value when absent
     * @return its value; {@code true}/{@code false} in any case
     */
    public boolean bool(String key, boolean fallback) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim().toLowerCase(java.util.Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new InvalidValueException(field(key), value, "must be true or false");
    }

    /**
     * Reads a duration written as milliseconds (a number) or as text with a unit: {@code 500ms}, {@code 5s},
     * {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT5S}).
     *
     * @param key      an option's name
     * @param fallback the value when absent
     * @return its value, never negative
     */
    public Duration duration(String key, Duration fallback) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        Duration parsed = parseDuration(field(key), value);
        if (parsed.isNegative()) {
            throw new InvalidValueException(field(key), value, "must not be negative");
        }
        return parsed;
    }

    /**
     * @param key an option's name
     * @return its values as text: a list stays a list, a comma-separated string is split, absent is empty
     */
    public List<String> list(String key) {
        Object value = options.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return java.util.Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * @param key an option's name
     * @return its value as a map of text, for options such as request headers; absent is empty
     */
    public Map<String, String> map(String key) {
        Object value = options.get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, String> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
            return Collections.unmodifiableMap(out);
        }
        throw new InvalidValueException(field(key), value, "must be a map of names to values");
    }

    /**
     * Reads a size in bytes, written as a number of bytes or as text with a unit: {@code 512k}, {@code 64m},
     * {@code 2g} and {@code KiB}/{@code MiB}/{@code GiB}/{@code TiB} are powers of 1024 (as Docker reads them);
     * {@code kB}/{@code MB}/{@code GB}/{@code TB} are powers of 1000.
     *
     * @param key      an option's name
     * @param fallback the value when absent
     * @return its value, never negative
     */
    public long bytes(String key, long fallback) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        Matcher m = SIZE.matcher(value.toString().trim());
        if (!m.matches()) {
            throw new InvalidValueException(field(key), value, "must be a size such as 512m, 1GiB or 1048576");
        }
        String unit = m.group(2).toLowerCase(java.util.Locale.ROOT);
        double factor = switch (unit) {
            case "", "b" -> 1;
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            case "t", "tib" -> 1L << 40;
            case "kb" -> 1e3;
            case "mb" -> 1e6;
            case "gb" -> 1e9;
            case "tb" -> 1e12;
            default -> throw new InvalidValueException(field(key), value,
                    "has an unknown unit '" + m.group(2) + "': use b, k, m, g, KiB, MiB, GiB, kB, MB or GB");
        };
        return (long) (Double.parseDouble(m.group(1)) * factor);
    }

    /**
     * @param key an option's name
     * @return its value compiled as a regular expression, or empty when absent
     * @throws InvalidValueException when it does not compile, with the reason
     */
    public Optional<Pattern> pattern(String key) {
        return string(key).map(text -> {
            try {
                return Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                throw new InvalidValueException(field(key), text, "must be a regular expression: "
                        + e.getDescription());
            }
        });
    }

    /**
     * Parses a duration as {@link #duration(String, Duration)} does.
     *
     * @param field the field name for the error message
     * @param value a number of milliseconds, or text with a unit
     * @return the duration
     */
    public static Duration parseDuration(String field, Object value) {
        if (value instanceof Duration d) {
            return d;
        }
        if (value instanceof Number n) {
            return Duration.ofMillis(n.longValue());
        }
        String text = value.toString().trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (text.startsWith("p")) {
                return Duration.parse(text.toUpperCase(java.util.Locale.ROOT));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1).trim());
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> Duration.ofMillis(Long.parseLong(text));
            };
        } catch (RuntimeException e) {
            throw new InvalidValueException(field, value, "must be a duration such as 500ms, 5s, 2m or 1h");
        }
    }

    private int intInRange(String key, long value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidValueException(field(key), value, "must be between " + min + " and " + max);
        }
        return (int) value;
    }

    private String field(String key) {
        return type + "." + key;
    }
}
