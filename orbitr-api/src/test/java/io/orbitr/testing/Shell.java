package io.orbitr.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command for a test fixture, with a bounded time, and returns its exit code and output. */
public final class Shell {

    /**
     * @param exitCode the exit code, or -1 when the command timed out or could not start
     * @param output   stdout and stderr, merged
     */
    public record Result(int exitCode, String output) {
        /** @return whether the command exited 0 */
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private Shell() {
    }

    /**
     * @param timeout the bound
     * @param command the command and its arguments
     * @return what it did
     */
    public static Result run(Duration timeout, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DOCKER_BUILDKIT", "0");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(-1, command + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), output.get(5, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            return new Result(-1, command + " failed: " + e);
        }
    }

    /**
     * @param command the command and its arguments
     * @return what it did, bounded by 60 seconds
     */
    public static Result run(String... command) {
        return run(Duration.ofSeconds(60), List.of(command));
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
