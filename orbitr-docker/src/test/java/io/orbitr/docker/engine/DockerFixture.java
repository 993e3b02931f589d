package io.orbitr.docker.engine;

import io.orbitr.OrbitrException;
import io.orbitr.engine.ContainerDetails;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.EngineSettings;
import io.orbitr.testing.Shell;
import io.orbitr.testing.TestImages;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A real engine client for tests, with names under this engineer's prefix and a record of what the test made, so
 * that {@link #close()} removes it all (Ryuk is off: tests clean up after themselves).
 */
public final class DockerFixture implements AutoCloseable {
    /** Every object the tests of this module create starts with this. */
    public static final String PREFIX = "orbitr-dm-";
    /** A label every container, network and volume of these tests carries. */
    public static final String OWNER_LABEL = "io.orbitr.test.owner";

    private final ContainerEngine engine;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Deque<Runnable> cleanups = new ArrayDeque<>();

    public DockerFixture() {
        this(EngineSettings.fromEnvironment(Optional.ofNullable(System.getenv("DOCKER_HOST"))));
    }

    public DockerFixture(EngineSettings settings) {
        this.engine = new DockerEngineProvider().connect(settings);
    }

    public ContainerEngine engine() {
        return engine;
    }

    /** @return the busybox test image, built once */
    public String image() {
        return TestImages.busybox();
    }

    /** @return a unique name under the prefix, for example {@code orbitr-dm-web-1a2b3c4d} */
    public String name(String purpose) {
        return PREFIX + purpose + "-" + run + "-" + UUID.randomUUID().toString().substring(0, 4);
    }

    /** @return a builder for a busybox container with a unique name, removed on close */
    public ContainerSpec.Builder container(String purpose, String... command) {
        String name = name(purpose);
        cleanups.push(() -> quietly(() -> engine.containers().remove(name, true, true)));
        return ContainerSpec.builder(image()).name(name).label(OWNER_LABEL, "orbitr-dm").command(command);
    }

    /** Creates and starts a container; it is removed on close. */
    public String run(ContainerSpec spec) {
        engine.containers().create(spec);
        String name = spec.name().orElseThrow();
        engine.containers().start(name);
        return name;
    }

    public void removeNetworkOnClose(String name) {
        cleanups.push(() -> quietly(() -> engine.networks().remove(name)));
    }

    public void removeVolumeOnClose(String name) {
        cleanups.push(() -> quietly(() -> engine.volumes().remove(name, true)));
    }

    public void removeImageOnClose(String name) {
        cleanups.push(() -> Shell.run("docker", "rmi", "-f", name));
    }

    /** Waits until the container's details satisfy the condition, polling with a bound. */
    public ContainerDetails awaitContainer(String name, Predicate<ContainerDetails> condition, String what) {
        ContainerDetails[] last = new ContainerDetails[1];
        await(Duration.ofSeconds(30), () -> condition.test(last[0] = engine.containers().inspect(name)),
                name + " " + what);
        return last[0];
    }

    /** Polls a condition every 20 ms until it holds, or fails after the bound. */
    public static void await(Duration bound, BooleanSupplier condition, String what) {
        io.orbitr.testing.Await.until(what, bound, condition);
    }

    @Override
    public void close() {
        while (!cleanups.isEmpty()) {
            cleanups.pop().run();
        }
        engine.close();
    }

    private static void quietly(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (OrbitrException ignored) {
            // Already gone, or never made: nothing to clean.
        }
    }
}
