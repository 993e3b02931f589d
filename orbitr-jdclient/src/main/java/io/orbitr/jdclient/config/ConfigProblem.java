package io.orbitr.jdclient.config;

import io.orbitr.InvalidValueException;
import java.util.Objects;

/**
 * One thing jd-client would refuse in a configuration.
 *
 * @param path  the key as written in the TOML file, for example {@code upstreams[1].pool_port}
 * @param value the offending value as text (secret keys are never shown)
 * @param rule  what the value must be
 */
public record ConfigProblem(String path, String value, String rule) {

    /** Refuses nulls. */
    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * @param error an error naming a field
     * @return the same problem
     */
    static ConfigProblem of(InvalidValueException error) {
        return new ConfigProblem(error.field(), error.value(), error.rule());
    }

    /** @return the problem in the words of {@link InvalidValueException}: {@code invalid PATH 'VALUE': RULE} */
    @Override
    public String toString() {
        return new InvalidValueException(path, value, rule).getMessage();
    }
}
