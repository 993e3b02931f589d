package io.orbitr.engine;

import io.orbitr.InvalidValueException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** Validation and freezing shared by the engine's value types. */
final class EngineValues {
    /** The engine's rule for container, network and volume names. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}");

    private EngineValues() {
    }

    static String requireName(String field, String value) {
        Objects.requireNonNull(value, field);
        if (!NAME.matcher(value).matches()) {
            throw new InvalidValueException(field, value,
                    "must start with a letter or digit, then letters, digits, '_', '.' or '-' (at most 255)");
        }
        return value;
    }

    static String requireText(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new InvalidValueException(field, value, "must not be blank");
        }
        return value;
    }

    /** An unmodifiable copy that keeps the caller's order and refuses null keys and values. */
    static Map<String, String> freeze(String field, Map<String, String> map) {
        Objects.requireNonNull(map, field);
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(Objects.requireNonNull(key, field + " key"),
                Objects.requireNonNull(value, field + " value of " + key)));
        return Collections.unmodifiableMap(copy);
    }

    static <T> List<T> freeze(String field, List<T> list) {
        Objects.requireNonNull(list, field);
        return List.copyOf(list);
    }
}
