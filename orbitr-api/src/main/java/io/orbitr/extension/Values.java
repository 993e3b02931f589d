package io.orbitr.extension;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Null checks and order-keeping immutable copies shared by the manifest's records. */
final class Values {
    private Values() {
    }

    static <T> List<T> list(String field, List<T> values) {
        Objects.requireNonNull(values, field);
        values.forEach(v -> Objects.requireNonNull(v, field + " element"));
        return List.copyOf(values);
    }

    static <V> Map<String, V> map(String field, Map<String, V> values) {
        Objects.requireNonNull(values, field);
        Map<String, V> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, field + " key"),
                Objects.requireNonNull(v, field + " value")));
        return Collections.unmodifiableMap(copy);
    }
}
