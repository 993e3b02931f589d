package io.orbitr.process;

import io.orbitr.DataPaths;
import io.orbitr.InvalidValueException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to run and how to treat it. Built with {@link #builder(String, String)}.
 *
 * @param name             a unique name: lowercase letters, digits, '-', '_' and '.'
 * @param command          the program to run
 * @param args             its arguments
 * @param environment      variables added to the supervisor's own environment
 * @param workingDirectory where it runs; empty for the supervisor's own
 * @param stopSignal       the signal sent to stop it
 * @param gracePeriod      how long to wait after the stop signal before the whole tree is killed
 * @param startPeriod      how long it must run before it counts as RUNNING (supervisord's startsecs)
 * @param restartPolicy    when to restart it
 * @param logFile          a file its stdout and stderr lines are also written to, as printed; empty for none. A
 *                         relative path is taken from the platform's data directory (a supervisor without one
 *                         takes it from its own working directory) and may not contain {@code ..}; an absolute
 *                         path is taken as given (see {@link DataPaths})
 * @param logBufferLines   how many recent lines are kept in memory
 * @param logRotation      when the log file is rotated and how many rotated files are kept
 */
public record ProcessSpec(String name, String command, List<String> args, Map<String, String> environment,
        Optional<Path> workingDirectory, StopSignal stopSignal, Duration gracePeriod, Duration startPeriod,
        RestartPolicy restartPolicy, Optional<Path> logFile, int logBufferLines, LogRotation logRotation) {

    /** The most lines a process may keep in memory. */
    public static final int MAX_LOG_BUFFER_LINES = 1_000_000;

    /** The signals a process can be asked to stop with. */
    public enum StopSignal {
        /** SIGINT (2): what jd-client handles. */
        INT(2),
        /** SIGTERM (15): the usual polite stop. */
        TERM(15),
        /** SIGHUP (1). */
        HUP(1),
        /** SIGQUIT (3). */
        QUIT(3),
        /** SIGKILL (9): no grace. */
        KILL(9);

        private final int number;

        StopSignal(int number) {
            this.number = number;
        }

        /** @return the signal's number on Linux */
        public int number() {
            return number;
        }
    }

    /** Validates the spec and freezes its collections. */
    public ProcessSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,127}")) {
            throw new InvalidValueException("name", name, "must be lowercase letters, digits, '.', '_' and '-'");
        }
        Objects.requireNonNull(command, "command");
        if (command.isBlank()) {
            throw new InvalidValueException("command", command, "is required");
        }
        args = List.copyOf(args);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(stopSignal, "stopSignal");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        Objects.requireNonNull(startPeriod, "startPeriod");
        Objects.requireNonNull(restartPolicy, "restartPolicy");
        Objects.requireNonNull(logFile, "logFile");
        logFile.ifPresent(file -> DataPaths.check("logFile", file));
        Objects.requireNonNull(logRotation, "logRotation");
        for (String arg : args) {
            if (arg.indexOf('\0') >= 0) {
                throw new InvalidValueException("args", arg, "must not contain a NUL character");
            }
        }
        environment.forEach((key, value) -> {
            if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
                throw new InvalidValueException("environment", key, "must be a name without '=' or NUL");
            }
            if (value.indexOf('\0') >= 0) {
                throw new InvalidValueException("environment." + key, value, "must not contain a NUL character");
            }
        });
        if (gracePeriod.isNegative()) {
            throw new InvalidValueException("gracePeriod", gracePeriod, "must not be negative");
        }
        if (startPeriod.isNegative()) {
            throw new InvalidValueException("startPeriod", startPeriod, "must not be negative");
        }
        if (logBufferLines < 1 || logBufferLines > MAX_LOG_BUFFER_LINES) {
            throw new InvalidValueException("logBufferLines", logBufferLines,
                    "must be between 1 and " + MAX_LOG_BUFFER_LINES);
        }
    }

    /**
     * The spec without a {@code logRotation}, which gets {@link LogRotation#defaults()}; kept for callers of the
     * first version of this record.
     *
     * @param name             a unique name
     * @param command          the program to run
     * @param args             its arguments
     * @param environment      variables added to the supervisor's own environment
     * @param workingDirectory where it runs
     * @param stopSignal       the signal sent to stop it
     * @param gracePeriod      the wait after the stop signal
     * @param startPeriod      how long until it counts as RUNNING
     * @param restartPolicy    when to restart it
     * @param logFile          a size-rotated log file
     * @param logBufferLines   how many recent lines are kept in memory
     */
    public ProcessSpec(String name, String command, List<String> args, Map<String, String> environment,
            Optional<Path> workingDirectory, StopSignal stopSignal, Duration gracePeriod, Duration startPeriod,
            RestartPolicy restartPolicy, Optional<Path> logFile, int logBufferLines) {
        this(name, command, args, environment, workingDirectory, stopSignal, gracePeriod, startPeriod,
                restartPolicy, logFile, logBufferLines, LogRotation.defaults());
    }

    /**
     * @param name    a unique name
     * @param command the program to run
     * @return a builder with defaults: SIGTERM, 10 s grace, 1 s start period, restart on failure, 10,000 lines,
     *         log files rotated at 10 MiB with 2 backups
     */
    public static Builder builder(String name, String command) {
        return new Builder(name, command);
    }

    /** @return a builder holding this spec's values */
    public Builder toBuilder() {
        Builder b = new Builder(name, command).args(args).environment(environment).stopSignal(stopSignal)
                .gracePeriod(gracePeriod).startPeriod(startPeriod).restartPolicy(restartPolicy)
                .logBufferLines(logBufferLines).logRotation(logRotation);
        workingDirectory.ifPresent(b::workingDirectory);
        logFile.ifPresent(b::logFile);
        return b;
    }

    /** Builds a {@link ProcessSpec}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String command;
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path workingDirectory;
        private StopSignal stopSignal = StopSignal.TERM;
        private Duration gracePeriod = Duration.ofSeconds(10);
        private Duration startPeriod = Duration.ofSeconds(1);
        private RestartPolicy restartPolicy = RestartPolicy.onFailure();
        private Path logFile;
        private int logBufferLines = 10_000;
        private LogRotation logRotation = LogRotation.defaults();

        private Builder(String name, String command) {
            this.name = name;
            this.command = command;
        }

        /** @param values arguments to append @return this builder */
        public Builder args(List<String> values) {
            args.addAll(values);
            return this;
        }

        /** @param values arguments to append @return this builder */
        public Builder args(String... values) {
            return args(List.of(values));
        }

        /** @param values variables to add @return this builder */
        public Builder environment(Map<String, String> values) {
            environment.putAll(values);
            return this;
        }

        /** @param key a variable @param value its value @return this builder */
        public Builder environment(String key, String value) {
            environment.put(key, value);
            return this;
        }

        /** @param directory where the process runs @return this builder */
        public Builder workingDirectory(Path directory) {
            this.workingDirectory = directory;
            return this;
        }

        /** @param signal the stop signal @return this builder */
        public Builder stopSignal(StopSignal signal) {
            this.stopSignal = signal;
            return this;
        }

        /** @param period the grace period after the stop signal @return this builder */
        public Builder gracePeriod(Duration period) {
            this.gracePeriod = period;
            return this;
        }

        /** @param period how long until the process counts as RUNNING @return this builder */
        public Builder startPeriod(Duration period) {
            this.startPeriod = period;
            return this;
        }

        /** @param policy the restart policy @return this builder */
        public Builder restartPolicy(RestartPolicy policy) {
            this.restartPolicy = policy;
            return this;
        }

        /** @param file a size-rotated log file @return this builder */
        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        /** @param lines how many recent lines to keep in memory @return this builder */
        public Builder logBufferLines(int lines) {
            this.logBufferLines = lines;
            return this;
        }

        /** @param rotation when the log file is rotated @return this builder */
        public Builder logRotation(LogRotation rotation) {
            this.logRotation = rotation;
            return this;
        }

        /** @return the validated spec */
        public ProcessSpec build() {
            return new ProcessSpec(name, command, args, environment, Optional.ofNullable(workingDirectory),
                    stopSignal, gracePeriod, startPeriod, restartPolicy, Optional.ofNullable(logFile),
                    logBufferLines, logRotation);
        }
    }
}
