package io.orbitr.health;

import io.orbitr.InvalidValueException;
import java.util.Objects;

/**
 * One option a {@link HealthCheckProvider} accepts, declared so that the platform can refuse an unknown or badly
 * typed option before the check is created, and so that a server or dashboard can build a form.
 *
 * @param name         the option's name as written in a {@link CheckSpec}, for example {@code expected-status}
 * @param type         what values it takes
 * @param required     whether a check without it is refused
 * @param defaultValue the value used when it is absent, as text; empty when there is none or it depends on other
 *                     options
 * @param description  one line saying what it does
 */
public record CheckOption(String name, OptionType type, boolean required, String defaultValue, String description) {

    /** Validates the name and requires every part. */
    public CheckOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (!name.matches("[a-z][a-z0-9-]{0,62}")) {
            throw new InvalidValueException("option name", name, "must be lowercase letters, digits and '-'");
        }
        if (required && !defaultValue.isEmpty()) {
            throw new InvalidValueException(name + ".defaultValue", defaultValue,
                    "a required option has no default");
        }
    }

    /**
     * @param name        the option's name
     * @param type        its type
     * @param description what it does
     * @return a required option
     */
    public static CheckOption required(String name, OptionType type, String description) {
        return new CheckOption(name, type, true, "", description);
    }

    /**
     * @param name         the option's name
     * @param type         its type
     * @param defaultValue its value when absent, as text ({@code ""} when there is none)
     * @param description  what it does
     * @return an optional option
     */
    public static CheckOption optional(String name, OptionType type, String defaultValue, String description) {
        return new CheckOption(name, type, false, defaultValue, description);
    }
}
