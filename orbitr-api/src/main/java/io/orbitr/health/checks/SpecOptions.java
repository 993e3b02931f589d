package io.orbitr.health.checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The options of a typed factory so far: each change makes a new copy, so factories stay immutable. */
final class SpecOptions {

    private SpecOptions() {
    }

    static Map<String, Object> with(Map<String, Object> options, String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(options);
        copy.put(name, Objects.requireNonNull(value, name));
        return Collections.unmodifiableMap(copy);
    }

    static Map<String, Object> of(String name, Object value) {
        return with(Map.of(), name, value);
    }
}
