package io.orbitr.docker.stream;

import io.orbitr.testing.BusyboxContainer;
import io.orbitr.testing.Shell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * The fixture containers and volumes a streams IT starts (Testcontainers on the busybox image), named with this
 * module's prefix and removed after the test.
 */
final class FixtureContainers implements AutoCloseable {
    static final String PREFIX = "orbitr-ds-";
    private final List<BusyboxContainer> containers = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();

    /** Starts a busybox container running the script; @return its name */
    String run(String script) {
        return run(UnaryOperator.identity(), script);
    }

    /**
     * Starts a busybox container.
     *
     * @param options  what the container needs besides its script (memory limit, terminal, restart policy...)
     * @param script   the shell script it runs
     * @return its name
     */
    String run(UnaryOperator<BusyboxContainer> options, String script) {
        BusyboxContainer container = options.apply(new BusyboxContainer(PREFIX, script));
        containers.add(container);
        container.start();
        return container.name();
    }

    /** @return a new volume's name */
    String volume() {
        String name = PREFIX + "vol-" + UUID.randomUUID().toString().substring(0, 12);
        volumes.add(name);
        docker("volume", "create", "--label", BusyboxContainer.LABEL + "=testcontainers", name);
        return name;
    }

    /** Runs a docker command that must succeed. */
    static String docker(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        Shell.Result result = Shell.run(Duration.ofSeconds(60), command);
        if (!result.ok()) {
            throw new IllegalStateException(command + " failed: " + result.output());
        }
        return result.output().trim();
    }

    /** @return the container's log as the engine has it, line by line, stdout and stderr merged */
    static List<String> engineLog(String container) {
        return List.of(docker("logs", container).split("\n", -1));
    }

    /** Polls a condition with a bound (the one polling loop, {@link io.orbitr.testing.Await}); never a fixed sleep. */
    static void await(Duration bound, String what, BooleanSupplier condition) {
        io.orbitr.testing.Await.until(what, bound, condition);
    }

    @Override
    public void close() {
        for (BusyboxContainer container : containers) {
            container.stop();
        }
        for (String volume : volumes) {
            Shell.run(Duration.ofSeconds(60), List.of("docker", "volume", "rm", "-f", volume));
        }
    }
}
