package io.orbitr.extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A typed install-form field. Its value is referenced in services as {@code ${inputs.NAME}}.
 *
 * @param name         the name (letters, digits, '_'), unique among inputs and generated secrets
 * @param type         the type
 * @param label        what a form shows (default the name)
 * @param description  a longer help text, may be empty
 * @param required     whether an install without a value (and without a default) is refused
 * @param defaultValue the value when none is given
 * @param min          the smallest number (number and port types)
 * @param max          the largest number (number and port types)
 * @param pattern      a regular expression the whole value must match (text types)
 * @param options      the choices of a select
 */
public record InputField(String name, InputType type, String label, String description, boolean required,
        Optional<String> defaultValue, OptionalDouble min, OptionalDouble max, Optional<String> pattern,
        List<String> options) {

    /** Checks for nulls and freezes the options. */
    public InputField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(pattern, "pattern");
        options = Values.list("options", options);
    }

    /** @return whether a form must mask the value and output must never print it */
    public boolean secret() {
        return type == InputType.PASSWORD;
    }

    /**
     * @param name the field's name
     * @param type its type
     * @return a builder
     */
    public static Builder builder(String name, InputType type) {
        return new Builder(name, type);
    }

    /** Builds an {@link InputField}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final InputType type;
        private String label;
        private String description = "";
        private boolean required;
        private Optional<String> defaultValue = Optional.empty();
        private OptionalDouble min = OptionalDouble.empty();
        private OptionalDouble max = OptionalDouble.empty();
        private Optional<String> pattern = Optional.empty();
        private final List<String> options = new ArrayList<>();

        private Builder(String name, InputType type) {
            this.name = name;
            this.type = type;
        }

        /** @param value the label @return this builder */
        public Builder label(String value) {
            this.label = Objects.requireNonNull(value, "label");
            return this;
        }

        /** @param value the help text @return this builder */
        public Builder description(String value) {
            this.description = Objects.requireNonNull(value, "description");
            return this;
        }

        /** @param value whether a value is required @return this builder */
        public Builder required(boolean value) {
            this.required = value;
            return this;
        }

        /** @param value the default @return this builder */
        public Builder defaultValue(String value) {
            this.defaultValue = Optional.of(value);
            return this;
        }

        /** @param value the smallest number @return this builder */
        public Builder min(double value) {
            this.min = OptionalDouble.of(value);
            return this;
        }

        /** @param value the largest number @return this builder */
        public Builder max(double value) {
            this.max = OptionalDouble.of(value);
            return this;
        }

        /** @param value a regular expression the value must match @return this builder */
        public Builder pattern(String value) {
            this.pattern = Optional.of(value);
            return this;
        }

        /** @param values the choices of a select @return this builder */
        public Builder options(List<String> values) {
            options.clear();
            options.addAll(values);
            return this;
        }

        /** @return the field */
        public InputField build() {
            return new InputField(name, type, label != null ? label : name, description, required, defaultValue,
                    min, max, pattern, options);
        }
    }
}
