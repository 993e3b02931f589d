package io.orbitr.engine;

import io.orbitr.InvalidValueException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Selects engine objects by their labels: each named label must be present, and where a value is given it must be
 * equal. Immutable; {@link #any()} selects everything.
 *
 * <pre>{@code
 * LabelFilter.any().with("io.orbitr.app", "web").with("io.orbitr.managed")
 * }</pre>
 *
 * @param values  labels that must carry exactly this value
 * @param present labels that must be present, with any value
 */
public record LabelFilter(Map<String, String> values, Set<String> present) {
    private static final LabelFilter ANY = new LabelFilter(Map.of(), Set.of());

    /** Validates the label names and freezes the filter. */
    public LabelFilter {
        values = EngineValues.freeze("label filter", values);
        values.keySet().forEach(LabelFilter::requireKey);
        present = Collections.unmodifiableSet(new LinkedHashSet<>(present));
        present.forEach(LabelFilter::requireKey);
    }

    /** @return the filter that selects everything */
    public static LabelFilter any() {
        return ANY;
    }

    /**
     * @param key   a label name
     * @param value the value it must carry
     * @return a copy that also requires this label and value
     */
    public LabelFilter with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(requireKey(key), Objects.requireNonNull(value, "value"));
        return new LabelFilter(copy, present);
    }

    /**
     * @param key a label name
     * @return a copy that also requires this label, with any value
     */
    public LabelFilter with(String key) {
        Set<String> copy = new LinkedHashSet<>(present);
        copy.add(requireKey(key));
        return new LabelFilter(values, copy);
    }

    /** @return whether this filter selects everything */
    public boolean isAny() {
        return values.isEmpty() && present.isEmpty();
    }

    /**
     * @param labels an object's labels
     * @return whether they satisfy this filter
     */
    public boolean matches(Map<String, String> labels) {
        return present.stream().allMatch(labels::containsKey)
                && values.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** @return the filter in the engine's notation: {@code key} or {@code key=value}, one per label */
    public List<String> expressions() {
        List<String> out = new ArrayList<>(present);
        values.forEach((key, value) -> out.add(key + "=" + value));
        return out;
    }

    private static String requireKey(String key) {
        Objects.requireNonNull(key, "label");
        if (key.isBlank() || key.contains("=")) {
            throw new InvalidValueException("label", key, "must be a non-blank name without '='");
        }
        return key;
    }
}
