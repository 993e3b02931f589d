package io.orbitr.jdclient.config;

import java.util.List;

/**
 * The outcome of checking a configuration: every problem found (empty when jd-client would accept it) and
 * warnings about things it accepts but should not be run with, such as the project's public test keys.
 *
 * @param problems what jd-client would refuse, in file order
 * @param warnings what it accepts but a user should change
 */
public record ValidationResult(List<ConfigProblem> problems, List<String> warnings) {

    /** Freezes the lists. */
    public ValidationResult {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** @return whether there is no problem (warnings do not count) */
    public boolean valid() {
        return problems.isEmpty();
    }

    /**
     * @return this result, when valid
     * @throws InvalidConfigException listing every problem otherwise
     */
    public ValidationResult orThrow() {
        if (!valid()) {
            throw new InvalidConfigException(problems);
        }
        return this;
    }
}
