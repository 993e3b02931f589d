package io.orbitr;

import java.util.Objects;

/**
 * A value given to Orbitr was refused. The message names the field, the value and the rule it broke, for example
 * {@code invalid host 'a b.example.com': must be lowercase letters, digits and '-' in dot-separated labels}.
 */
public class InvalidValueException extends OrbitrException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String value;
    private final String rule;

    /**
     * @param field the name of the offending field, as the user wrote it (for example {@code targetPort})
     * @param value the offending value, shown as given
     * @param rule  what the value must be
     */
    public InvalidValueException(String field, Object value, String rule) {
        super("invalid " + field + " '" + printable(value) + "': " + rule);
        this.field = Objects.requireNonNull(field, "field");
        this.value = printable(value);
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /**
     * For a refusal that reads better in its own words than as {@code invalid FIELD 'VALUE': RULE}, for example
     * {@code unknown http option 'expected_status'; did you mean 'expected-status'?}.
     *
     * @param field   the name of the offending field
     * @param value   the offending value
     * @param rule    what the value must be
     * @param message the whole message
     */
    public InvalidValueException(String field, Object value, String rule, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.field = Objects.requireNonNull(field, "field");
        this.value = printable(value);
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** @return the name of the offending field */
    public String field() {
        return field;
    }

    /** @return the offending value, with control characters made visible */
    public String value() {
        return value;
    }

    /** @return what the value must be */
    public String rule() {
        return rule;
    }

    /** Makes control characters visible so that an error message can never smuggle a newline into a log. */
    static String printable(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (out.length() >= 200 && text.length() > 200) {
            out.append("...");
        }
        return out.toString();
    }
}
