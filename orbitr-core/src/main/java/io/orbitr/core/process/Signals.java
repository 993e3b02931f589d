package io.orbitr.core.process;

import io.orbitr.process.ProcessSpec.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a stop signal to one process. Java sends only SIGTERM ({@link ProcessHandle#destroy()}) and SIGKILL
 * ({@link ProcessHandle#destroyForcibly()}) itself; SIGINT, SIGHUP and SIGQUIT go through the system's
 * {@code kill} program.
 */
final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);
    private static final String KILL_PROGRAM = List.of("/bin/kill", "/usr/bin/kill").stream()
            .filter(candidate -> Files.isExecutable(Path.of(candidate))).findFirst().orElse("kill");

    private Signals() {
    }

    /**
     * Sends the signal if the process is still alive.
     *
     * @return whether the signal was delivered
     */
    static boolean send(ProcessHandle target, StopSignal signal) {
        if (!target.isAlive()) {
            return false;
        }
        return switch (signal) {
            case TERM -> target.destroy();
            case KILL -> target.destroyForcibly();
            default -> runKill(target, signal);
        };
    }

    private static boolean runKill(ProcessHandle target, StopSignal signal) {
        List<String> command = List.of(KILL_PROGRAM, "-s", signal.name(), Long.toString(target.pid()));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                log.warn("{} did not finish within 5 s", String.join(" ", command));
                return false;
            }
            if (kill.exitValue() != 0 && target.isAlive()) {
                log.warn("{} exited with {}", String.join(" ", command), kill.exitValue());
                return false;
            }
            return true;
        } catch (IOException e) {
            log.warn("cannot run {} to send SIG{}: {}", KILL_PROGRAM, signal.name(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
