package io.orbitr.proxy.caddy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real {@code caddy run} on loopback for one test, stopped (only this process) when closed. */
final class CaddyProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private CaddyProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts Caddy on a Caddyfile and waits until its admin API answers.
     *
     * @param caddyfile    the file
     * @param adminAddress the admin address the file names
     * @return the running Caddy
     */
    static CaddyProcess start(Path caddyfile, String adminAddress) {
        try {
            Path log = Files.createTempFile(CaddyBinary.HOME, "caddy", ".log");
            Process process = CaddyBinary.command("run", "--config", caddyfile.toString(), "--adapter", "caddyfile")
                    .redirectOutput(log.toFile()).start();
            CaddyProcess caddy = new CaddyProcess(process, log);
            int port = Integer.parseInt(adminAddress.substring(adminAddress.lastIndexOf(':') + 1));
            Loopback.await(Duration.ofSeconds(20), "Caddy's admin API on " + adminAddress, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("caddy exited " + process.exitValue() + ":\n" + caddy.log());
                }
                return Loopback.get(port, adminAddress, "/config/").status() == 200;
            });
            return caddy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return what Caddy logged so far */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
