package io.orbitr.health.checks;

import io.orbitr.health.CheckSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@code command} check, typed: runs a command, on the host or inside a container, and is UP when it exits 0.
 *
 * <pre>{@code
 * CheckSpec spec = CommandCheckSpec.argv(List.of("pg_isready", "-q")).timeout(Duration.ofSeconds(5)).toSpec();
 * }</pre>
 */
public final class CommandCheckSpec {
    private final Map<String, Object> options;

    private CommandCheckSpec(Map<String, Object> options) {
        this.options = options;
    }

    /**
     * @param argv the program and its arguments, run without a shell
     * @return a check running it
     */
    public static CommandCheckSpec argv(List<String> argv) {
        return new CommandCheckSpec(SpecOptions.of("command", List.copyOf(argv)));
    }

    /**
     * @param commandLine a command line, run with {@code /bin/sh -c}
     * @return a check running it
     */
    public static CommandCheckSpec shell(String commandLine) {
        return new CommandCheckSpec(SpecOptions.of("command", commandLine));
    }

    /**
     * @param container a running container's name or id
     * @return a copy that runs the command inside it, through the engine
     */
    public CommandCheckSpec inContainer(String container) {
        return with("container", container);
    }

    /**
     * @param endpoint the engine endpoint the container runs on (default {@code local}); only with a container
     * @return a copy asking that endpoint
     */
    public CommandCheckSpec onEngine(String endpoint) {
        return with("engine", endpoint);
    }

    /**
     * @param timeout the bound on one run (default 30 s)
     * @return a copy with that bound
     */
    public CommandCheckSpec timeout(Duration timeout) {
        return with("timeout", timeout.toMillis());
    }

    /**
     * @param bytes how much merged output is kept in the result (default 4 KiB)
     * @return a copy with that bound
     */
    public CommandCheckSpec maxOutput(long bytes) {
        return with("max-output", bytes);
    }

    /**
     * @param directory where a host command runs
     * @return a copy running there
     */
    public CommandCheckSpec workingDirectory(Path directory) {
        return with("working-directory", directory.toString());
    }

    /** @return the spec, as a host could have written it by hand */
    public CheckSpec toSpec() {
        return new CheckSpec("command", options);
    }

    private CommandCheckSpec with(String name, Object value) {
        return new CommandCheckSpec(SpecOptions.with(options, name, value));
    }
}
