package io.orbitr.core.assembly;

import java.util.Objects;

/**
 * A provider that could not be loaded and was skipped: its class is missing a dependency, its constructor threw,
 * or its id is malformed.
 *
 * @param kind    the SPI's label
 * @param message what went wrong, with the provider's class name when known
 */
public record LoadProblem(String kind, String message) {

    /** Refuses nulls. */
    public LoadProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
