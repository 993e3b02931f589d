package io.orbitr.docker.stream;

import io.orbitr.testing.Shell;
import io.orbitr.testing.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The containers and volumes a test starts, through the docker command line, named with this engineer's prefix
 * and removed after the test.
 */
final class TestContainers implements AutoCloseable {
    static final String PREFIX = "orbitr-ds-";
    private static final AtomicInteger COUNT = new AtomicInteger();
    private final List<String> containers = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();

    /**
     * Starts a busybox container.
     *
     * @param options  docker run options (before the image)
     * @param script   the shell script it runs
     * @return its name
     */
    String run(List<String> options, String script) {
        String name = PREFIX + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet();
        List<String> command = new ArrayList<>(List.of("docker", "run", "-d", "--name", name, "--label",
                "io.orbitr.test=docker-streams"));
        command.addAll(options);
        command.addAll(List.of(TestImages.busybox(), "sh", "-c", script));
        containers.add(name);
        Shell.Result result = Shell.run(Duration.ofSeconds(60), command);
        if (!result.ok()) {
            throw new IllegalStateException("docker run failed: " + result.output());
        }
        return name;
    }

    /** @return a new volume's name */
    String volume() {
        String name = PREFIX + ProcessHandle.current().pid() + "-vol-" + COUNT.incrementAndGet();
        volumes.add(name);
        docker("volume", "create", name);
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
        for (String container : containers) {
            Shell.run(Duration.ofSeconds(60), List.of("docker", "rm", "-f", "-v", container));
        }
        for (String volume : volumes) {
            Shell.run(Duration.ofSeconds(60), List.of("docker", "volume", "rm", "-f", volume));
        }
    }
}
