package io.orbitr.proxy.caddy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Caddy on this machine ({@code caddy} on the PATH; .ci/run installs Debian's 2.6), run with HOME and the
 * XDG directories in a private temporary directory, because even {@code caddy validate} writes CA files there.
 */
final class CaddyBinary {
    static final Path HOME = createHome();

    private CaddyBinary() {
    }

    private static Path createHome() {
        try {
            return Files.createTempDirectory("orbitr-caddy-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a process builder for caddy with the private environment */
    static ProcessBuilder command(String... args) {
        ProcessBuilder builder = new ProcessBuilder(concat("caddy", args));
        builder.environment().put("HOME", HOME.toString());
        builder.environment().put("XDG_DATA_HOME", HOME.resolve("data").toString());
        builder.environment().put("XDG_CONFIG_HOME", HOME.resolve("config").toString());
        return builder.redirectErrorStream(true);
    }

    /**
     * Runs {@code caddy validate --config FILE --adapter caddyfile}.
     *
     * @param caddyfile the text
     * @return Caddy's output when it exits 0
     * @throws AssertionError with the text and Caddy's output when it does not
     */
    static String assertValid(String caddyfile) {
        assertThatNoPlaceholderOrTemplate(caddyfile);
        try {
            Path file = Files.createTempFile(HOME, "Caddyfile", ".txt");
            Files.writeString(file, caddyfile);
            Process process = command("validate", "--config", file.toString(), "--adapter", "caddyfile").start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("caddy validate did not finish");
            }
            Files.delete(file);
            if (process.exitValue() != 0) {
                throw new AssertionError("caddy validate refused:\n" + caddyfile + "\n--- caddy said:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Nothing Caddy would substitute from the environment or a request, and no template, may appear. */
    private static void assertThatNoPlaceholderOrTemplate(String caddyfile) {
        if (caddyfile.contains("{$") || caddyfile.contains("{{") || caddyfile.contains("{env.")) {
            throw new AssertionError("placeholder or template in:\n" + caddyfile);
        }
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(rest));
        all.add(0, first);
        return all;
    }
}
