package io.orbitr.examples.bench;

import io.orbitr.OrbitrException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Runs one command-line call with its output discarded, as a script would: the baseline the benchmarks time. */
final class CliCall {
    private CliCall() {
    }

    /**
     * @param command the command and its arguments
     * @throws OrbitrException when it cannot start, exits non-zero, or takes longer than 30 s
     */
    static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new OrbitrException(String.join(" ", command) + " did not finish within 30 s");
            }
            if (process.exitValue() != 0) {
                throw new OrbitrException(String.join(" ", command) + " exited with " + process.exitValue());
            }
        } catch (IOException e) {
            throw new OrbitrException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrbitrException("interrupted", e);
        }
    }
}
