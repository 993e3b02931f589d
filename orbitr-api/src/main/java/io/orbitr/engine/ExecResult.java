package io.orbitr.engine;

import java.util.Objects;

/**
 * What a command run inside a container did.
 *
 * @param exitCode  its exit code
 * @param output    stdout and stderr, merged, cut at the caller's bound
 * @param truncated whether the output was cut
 */
public record ExecResult(int exitCode, String output, boolean truncated) {

    /** Refuses nulls. */
    public ExecResult {
        Objects.requireNonNull(output, "output");
    }
}
