package io.orbitr.health;

import java.util.List;
import java.util.Map;

/**
 * The type of a check option, as a form shows it and as the platform checks a given value before the check is
 * created. Each type reads values the way {@link CheckSpec}'s typed accessors do, and refuses a value they would
 * refuse with the same message, naming the option and the value.
 */
public enum OptionType {
    /** Any text (a number or boolean is taken as its text). */
    TEXT("text") {
        @Override
        void check(CheckSpec single, String name) {
            Object value = single.options().get(name);
            if (value instanceof List<?> || value instanceof Map<?, ?>) {
                throw new io.orbitr.InvalidValueException(single.type() + "." + name, value, "must be text");
            }
        }
    },
    /** A whole number. */
    INTEGER("whole number") {
        @Override
        void check(CheckSpec single, String name) {
            single.number(name, 0);
        }
    },
    /** {@code true} or {@code false}. */
    BOOLEAN("true or false") {
        @Override
        void check(CheckSpec single, String name) {
            single.bool(name, false);
        }
    },
    /** Milliseconds as a number, or text with a unit: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, ISO-8601. */
    DURATION("duration such as 500ms, 5s or 2m") {
        @Override
        void check(CheckSpec single, String name) {
            single.duration(name, java.time.Duration.ZERO);
        }
    },
    /** Bytes as a number, or text with a unit: {@code 512k}, {@code 64m}, {@code 1GiB}, {@code 500MB}. */
    SIZE("size such as 512m or 1GiB") {
        @Override
        void check(CheckSpec single, String name) {
            single.bytes(name, 0);
        }
    },
    /** A Java regular expression. */
    PATTERN("regular expression") {
        @Override
        void check(CheckSpec single, String name) {
            TEXT.check(single, name);
            single.pattern(name);
        }
    },
    /** A list of text values, or one comma-separated text. */
    LIST("list, or comma-separated text") {
        @Override
        void check(CheckSpec single, String name) {
            Object value = single.options().get(name);
            if (value instanceof Map<?, ?>) {
                throw new io.orbitr.InvalidValueException(single.type() + "." + name, value, "must be a list");
            }
        }
    },
    /** A program and its arguments as a list, or one command line run with {@code sh -c}. */
    COMMAND("list of arguments, or a shell command line") {
        @Override
        void check(CheckSpec single, String name) {
            LIST.check(single, name);
        }
    },
    /** A map of names to text values, such as request headers. */
    MAP("map of names to values") {
        @Override
        void check(CheckSpec single, String name) {
            single.map(name);
        }
    };

    private final String description;

    OptionType(String description) {
        this.description = description;
    }

    /** @return how a form or a message names the type, for example {@code duration such as 500ms, 5s or 2m} */
    public String description() {
        return description;
    }

    /**
     * @param single a spec holding the option to check
     * @param name   the option's name
     * @throws io.orbitr.InvalidValueException when the value is not of this type, naming the option and value
     */
    abstract void check(CheckSpec single, String name);
}
