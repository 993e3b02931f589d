package io.orbitr.proxy;

import io.orbitr.InvalidValueException;
import java.util.Objects;

/**
 * One thing wrong with a route: the field, the value as given, and the rule it broke. A whole list of them is what
 * {@link RouteValidator} returns, so that a user fixing a file of routes sees every mistake at once.
 *
 * @param field the field as written in JSON, with a path for nested values ({@code middlewares.basicAuth[0].username})
 * @param value the offending value, as given
 * @param rule  what the value must be
 */
public record RouteProblem(String field, String value, String rule) {

    /** Refuses nulls. */
    public RouteProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(rule, "rule");
    }

    /** @return the problem as the exception a single bad value raises */
    public InvalidValueException toException() {
        return new InvalidValueException(field, value, rule);
    }

    /** @return {@code invalid FIELD 'VALUE': RULE}, with control characters in the value made visible */
    public String message() {
        return toException().getMessage();
    }
}
