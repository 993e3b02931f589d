package io.orbitr.core.health.check;

import io.orbitr.InvalidValueException;
import io.orbitr.MissingProviderException;
import io.orbitr.NotFoundException;
import io.orbitr.UnavailableException;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ExecResult;
import io.orbitr.health.CheckOption;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.OptionType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The {@code command} check: runs a command and is UP when it exits 0, as Docker's HEALTHCHECK does. Options:
 * <ul>
 *   <li>{@code command} (required): a list (the program and its arguments) or a string, run with {@code sh -c};</li>
 *   <li>{@code container}: run it inside this running container through the engine instead of on the host;</li>
 *   <li>{@code engine}: with {@code container}, the engine endpoint it runs on (default {@code local});</li>
 *   <li>{@code timeout}: the bound on one run (default 30 s); on the host, the whole process tree is killed when
 *       it passes or when the monitor interrupts the check;</li>
 *   <li>{@code max-output}: bytes of merged stdout and stderr kept in the result (default 4 KiB, as Docker);</li>
 *   <li>{@code working-directory}: where a host command runs.</li>
 * </ul>
 * The details carry {@code exitCode}, {@code output} and {@code truncated}. Runs block a thread of the monitor's
 * bounded check pool.
 */
public final class CommandCheckProvider extends PlatformCheckProvider {
    private static final List<CheckOption> OPTIONS = List.of(
            CheckOption.required("command", OptionType.COMMAND,
                    "the program and its arguments, or a command line run with sh -c"),
            CheckOption.optional("container", OptionType.TEXT, "", "run it inside this container instead of the host"),
            CheckOption.optional("engine", OptionType.TEXT, "local", "the engine endpoint of the container"),
            CheckOption.optional("timeout", OptionType.DURATION, "30s", "the bound on one run"),
            CheckOption.optional("max-output", OptionType.SIZE, "4KiB", "bytes of output kept in the result"),
            CheckOption.optional("working-directory", OptionType.TEXT, "", "where a host command runs"));
    private static final int DEFAULT_MAX_OUTPUT = 4096;
    /** Reads command output while the check thread waits for the exit; idle threads die after a minute. */
    private final ExecutorService drainers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "orbitr-command-output");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public String id() {
        return "command";
    }

    @Override
    public List<CheckOption> options() {
        return OPTIONS;
    }

    @Override
    public HealthCheck create(CheckSpec spec) {
        List<String> command = command(spec);
        Optional<String> container = spec.string("container").map(String::trim).filter(s -> !s.isEmpty());
        Duration timeout = spec.duration("timeout", Duration.ofSeconds(30));
        if (timeout.isZero()) {
            throw new InvalidValueException("command.timeout", timeout, "must be more than 0");
        }
        int maxOutput = (int) Math.min(1 << 20, spec.bytes("max-output", DEFAULT_MAX_OUTPUT));
        Optional<Path> directory = spec.string("working-directory").map(Path::of);
        String endpoint = endpoint(spec, container.isPresent());
        if (container.isPresent()) {
            if (directory.isPresent()) {
                throw new InvalidValueException("command.working-directory", directory.get(),
                        "applies to host commands only, not with container");
            }
            return () -> inContainer(endpoint, container.get(), command, timeout, maxOutput);
        }
        return () -> onHost(command, directory, timeout, maxOutput);
    }

    @Override
    public void stop() {
        drainers.shutdownNow();
    }

    private static List<String> command(CheckSpec spec) {
        Object value = spec.options().get("command");
        if (value instanceof List<?>) {
            List<String> argv = spec.list("command");
            if (argv.isEmpty() || argv.get(0).isBlank()) {
                throw new InvalidValueException("command.command", argv, "must name a program to run");
            }
            return argv;
        }
        return List.of("/bin/sh", "-c", spec.requireString("command"));
    }

    private HealthResult inContainer(String endpoint, String container, List<String> command, Duration timeout,
            int maxOutput) {
        ContainerEngine engine;
        try {
            engine = engine(endpoint);
        } catch (MissingProviderException e) {
            return HealthResult.of(HealthStatus.UNKNOWN, e.getMessage());
        }
        ExecResult exec;
        try {
            exec = engine.exec(container, command, timeout, maxOutput);
        } catch (NotFoundException | UnavailableException e) {
            return unreachable(e, endpoint);
        }
        return verdict(exec.exitCode(), exec.output(), exec.truncated());
    }

    private HealthResult onHost(List<String> command, Optional<Path> directory, Duration timeout, int maxOutput)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        directory.ifPresent(d -> builder.directory(d.toFile()));
        Process process = builder.start();
        BoundedOutput output = new BoundedOutput(process.getInputStream(), maxOutput);
        try {
            process.getOutputStream().close();
            drainers.execute(output);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(process);
                return HealthResult.down("timed out after " + timeout.toMillis() + " ms; killed")
                        .withDetail("output", output.text()).withDetail("truncated", output.truncated());
            }
            // A grandchild that escaped may hold the pipe open: wait briefly, then take what came.
            output.awaitEnd(1_000);
            return verdict(process.exitValue(), output.text(), output.truncated());
        } finally {
            if (process.isAlive()) {
                // Interrupted by the monitor's timeout, or failed: never leave the tree running.
                destroyTree(process);
            }
        }
    }

    private static HealthResult verdict(int exitCode, String output, boolean truncated) {
        String firstLine = output.strip().lines().findFirst().orElse("");
        HealthResult result = exitCode == 0 ? HealthResult.up("exit 0")
                : HealthResult.down("exit " + exitCode + (firstLine.isEmpty() ? "" : ": " + abbreviate(firstLine)));
        return result.withDetail("exitCode", exitCode).withDetail("output", output).withDetail("truncated", truncated);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static void destroyTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** Drains a process's output, keeping at most a bound of bytes (the rest is read and dropped). */
    private static final class BoundedOutput implements Runnable {
        private final InputStream in;
        private final byte[] kept;
        private int size;
        private boolean truncated;
        private boolean ended;

        BoundedOutput(InputStream in, int limit) {
            this.in = in;
            this.kept = new byte[limit];
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    synchronized (this) {
                        int take = Math.min(n, kept.length - size);
                        System.arraycopy(buffer, 0, kept, size, take);
                        size += take;
                        truncated |= take < n;
                    }
                }
            } catch (IOException e) {
                // the process was killed or the stream closed: keep what came
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        synchronized void awaitEnd(long millis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (!ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized String text() {
            return new String(kept, 0, size, StandardCharsets.UTF_8);
        }

        synchronized boolean truncated() {
            return truncated;
        }
    }
}
