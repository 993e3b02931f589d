package io.orbitr.core.process;

import io.orbitr.process.ProcessSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Starts a spec's program. The command is resolved first (relative to the working directory when it holds a
 * '/', else on the PATH the process will see), so that a typo fails with a message naming the command rather
 * than an exit code. On Linux the program is started through {@code setsid}, which makes it lead a session and
 * process group of its own: a Ctrl-C in the host's terminal then reaches the host only (the supervisor decides how
 * its processes stop), and whatever the program starts stays findable in its group even after its parent dies.
 * Where GNU {@code env --default-signal} exists, the program also starts with every signal at its default
 * disposition, as systemd starts services: a host started with {@code nohup} or in the background of a script
 * ignores SIGHUP or SIGINT, children inherit that, and a shell cannot even trap a signal ignored at its start.
 * Both wrappers exec in place, so the pid is the program's. Standard input is {@code /dev/null}. The environment
 * carries the run's token ({@value ProcessRecord#TOKEN_VARIABLE}), which the program's children inherit.
 */
final class ProcessLauncher {
    private static final File DEV_NULL = new File("/dev/null");

    private final Optional<Path> setsid;
    private final List<String> wrappers;

    private ProcessLauncher(Optional<Path> setsid, List<String> wrappers) {
        this.setsid = setsid;
        this.wrappers = wrappers;
    }

    /**
     * @param ownProcessGroups whether to start programs in a process group of their own where {@code setsid} exists
     */
    static ProcessLauncher create(boolean ownProcessGroups) {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        Optional<Path> setsid = !ownProcessGroups || !linux ? Optional.empty()
                : List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
                        .filter(Files::isExecutable).findFirst();
        List<String> wrappers = new ArrayList<>();
        setsid.ifPresent(path -> wrappers.add(path.toString()));
        if (linux) {
            wrappers.addAll(DefaultSignals.PREFIX);
        }
        return new ProcessLauncher(setsid, List.copyOf(wrappers));
    }

    /**
     * Starts the program and the readers of its output.
     *
     * @param runToken this run's token, put into the program's environment as {@value ProcessRecord#TOKEN_VARIABLE}
     *                 so that it and whatever it starts can be found after the host died
     * @throws IOException with a message for the user when it cannot be started
     */
    ProcessRun launch(ProcessSpec spec, ProcessOutput output, String runToken) throws IOException {
        Path directory = spec.workingDirectory().orElse(Path.of("")).toAbsolutePath();
        if (!Files.isDirectory(directory)) {
            throw new IOException("working directory " + directory + " does not exist");
        }
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(spec.environment());
        Path program = resolve(spec.command(), directory, environment.getOrDefault("PATH", ""));

        List<String> command = new ArrayList<>(wrappers);
        command.add(program.toString());
        command.addAll(spec.args());
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(spec.environment());
        builder.environment().put(ProcessRecord.TOKEN_VARIABLE, runToken);
        if (DEV_NULL.exists()) {
            builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + program + ": " + e.getMessage(), e);
        }
        if (!DEV_NULL.exists()) {
            process.getOutputStream().close();
        }
        // setsid(1) calls setsid(2) and execs in place (the child of a JVM is never a group leader already), so the
        // pid stays the program's and the group id equals it.
        OptionalLong group = setsid.isPresent() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
        return ProcessRun.begin(spec.name(), process, group, runToken, output);
    }

    /** @return the program's absolute path */
    static Path resolve(String command, Path directory, String searchPath) throws IOException {
        if (command.contains("/")) {
            Path program = directory.resolve(command).normalize();
            if (!Files.isRegularFile(program)) {
                throw new IOException("command " + command + " not found (looked at " + program + ")");
            }
            if (!Files.isExecutable(program)) {
                throw new IOException("command " + program + " is not executable");
            }
            return program;
        }
        for (String entry : searchPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = directory.resolve(entry).resolve(command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IOException("command " + command + " not found on PATH " + searchPath);
    }

    /** Whether {@code env --default-signal} works here, found out once per JVM by trying it. */
    private static final class DefaultSignals {
        static final List<String> PREFIX = probe();

        private static List<String> probe() {
            Path env = Path.of("/usr/bin/env");
            Path probe = Path.of("/bin/true");
            if (!Files.isExecutable(env) || !Files.isExecutable(probe)) {
                return List.of();
            }
            List<String> prefix = List.of(env.toString(), "--default-signal");
            try {
                List<String> command = new ArrayList<>(prefix);
                command.add(probe.toString());
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return prefix;
                }
                process.destroyForcibly();
            } catch (IOException e) {
                // No GNU env: programs inherit the host's signal dispositions.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }
    }
}
