package io.orbitr.extension;

import java.util.Objects;

/**
 * One thing wrong with a manifest or with an install's inputs.
 *
 * @param path    where, as {@code services.web.ports[0]} ({@code ""} for the whole document)
 * @param message what is wrong and what to do
 */
public record ManifestProblem(String path, String message) {
    /** Checks for nulls. */
    public ManifestProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code path: message} */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
