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

/**
 * Starts a spec's program. The command is resolved first (relative to the working directory when it holds a
 * '/', else on the PATH the process will see), so that a typo fails with a message naming the command rather
 * than an exit code. On Linux the program is started through {@code setsid}, which makes it lead a session and
 * process group of its own: a Ctrl-C in the host's terminal then reaches the host only (the supervisor decides how
 * its processes stop), and whatever the program starts stays findable in its group even after its parent dies.
 * Standard input is {@code /dev/null}.
 */
final class ProcessLauncher {
    private static final File DEV_NULL = new File("/dev/null");

    private final Optional<Path> setsid;

    private ProcessLauncher(Optional<Path> setsid) {
        this.setsid = setsid;
    }

    /**
     * @param ownProcessGroups whether to start programs in a process group of their own where {@code setsid} exists
     */
    static ProcessLauncher create(boolean ownProcessGroups) {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        Optional<Path> setsid = !ownProcessGroups || !linux ? Optional.empty()
                : List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
                        .filter(Files::isExecutable).findFirst();
        return new ProcessLauncher(setsid);
    }

    /**
     * Starts the program and the readers of its output.
     *
     * @throws IOException with a message for the user when it cannot be started
     */
    ProcessRun launch(ProcessSpec spec, ProcessOutput output) throws IOException {
        Path directory = spec.workingDirectory().orElse(Path.of("")).toAbsolutePath();
        if (!Files.isDirectory(directory)) {
            throw new IOException("working directory " + directory + " does not exist");
        }
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(spec.environment());
        Path program = resolve(spec.command(), directory, environment.getOrDefault("PATH", ""));

        List<String> command = new ArrayList<>();
        setsid.ifPresent(path -> command.add(path.toString()));
        command.add(program.toString());
        command.addAll(spec.args());
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(spec.environment());
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
        return ProcessRun.begin(spec.name(), process, group, output);
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
}
