package io.orbitr.jdclient.config;

import io.orbitr.InvalidValueException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A jd-client configuration was refused. {@link #field()}, {@link #value()} and {@link #rule()} describe the first
 * problem; {@link #problems()} holds them all, and the message lists them all.
 */
public class InvalidConfigException extends InvalidValueException {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigProblem> problems;

    /** @param problems every problem found; at least one */
    public InvalidConfigException(List<ConfigProblem> problems) {
        super(problems.get(0).path(), problems.get(0).value(), problems.get(0).rule());
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found */
    public List<ConfigProblem> problems() {
        return problems;
    }

    @Override
    public String getMessage() {
        if (problems.size() == 1) {
            return super.getMessage();
        }
        return "the jd-client configuration has " + problems.size() + " problems: " + problems.stream()
                .map(ConfigProblem::toString).collect(Collectors.joining("; "));
    }
}
