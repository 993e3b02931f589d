package io.orbitr.docker.stream;

import static io.orbitr.docker.stream.FixtureContainers.await;
import static io.orbitr.docker.stream.FixtureContainers.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.orbitr.stream.LogOptions;
import io.orbitr.core.stream.PlatformStreamHub;
import io.orbitr.docker.engine.DockerEngineProvider;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineSettings;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamEvent;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.Shell;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Streams that break under their subscribers, against the real engine: a container killed and restarted, the
 * connection to the engine lost, the engine restarted. A counter kept in a volume runs across the restarts, so the
 * whole log is one increasing sequence; what subscribers receive must be exactly the engine's log, no line twice
 * and none skipped.
 */
@RealDocker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerRestartIT {
    private static final Duration BOUND = Duration.ofSeconds(90);
    /**
     * Counts on from where the last run stopped (the count is renamed into place, so a kill never leaves it half
     * written); exits at once when the engine stops it.
     */
    private static final String COUNTER = "trap 'exit 0' TERM; i=$(cat /data/n 2>/dev/null); i=${i:-0};"
            + " while true; do i=$((i+1)); echo $i > /data/n.new; mv /data/n.new /data/n; echo $i; usleep 20000;"
            + " done";

    private final FixtureContainers containers = new FixtureContainers();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        containers.close();
    }

    private PlatformStreamHub hub(EngineSettings settings) {
        ContainerEngine engine = new DockerEngineProvider().connect(settings);
        PlatformStreamHub hub = PlatformStreamHub.builder().engine(engine::streams).build();
        toClose.add(engine);
        toClose.add(0, hub);
        return hub;
    }

    private static EngineSettings localEngine() {
        return EngineSettings.fromEnvironment(Optional.ofNullable(System.getenv("DOCKER_HOST")));
    }

    private String counter() {
        return containers.run(c -> c.withRestartAlways().withNamedVolume(containers.volume(), "/data"), COUNTER);
    }

    private static void awaitMore(Lines lines, int more) {
        int target = lines.count() + more;
        await(BOUND, target + " lines", () -> lines.count() >= target);
    }

    /** What the subscriber received is the engine's log, from its start, with nothing twice and nothing skipped. */
    private static void assertExactlyTheEnginesLog(Lines lines, String container) {
        List<LogLine> snapshot = lines.lines();
        List<String> delivered = snapshot.stream().map(LogLine::text).toList();
        List<String> log = FixtureContainers.engineLog(container);
        assertThat(log.size()).isGreaterThanOrEqualTo(delivered.size());
        assertThat(delivered).isEqualTo(log.subList(0, delivered.size()));
        assertThat(new HashSet<>(delivered)).hasSize(delivered.size());
        for (int i = 1; i < delivered.size(); i++) {
            assertThat(Long.parseLong(delivered.get(i))).isGreaterThan(Long.parseLong(delivered.get(i - 1)));
        }
        assertThat(snapshot).extracting(LogLine::id).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, snapshot.size()).boxed().toList());
    }

    @Test
    @Order(1)
    void aContainerKilledAndRestartedMidStreamResumesWithoutDuplicatesOrGaps() {
        PlatformStreamHub hub = hub(localEngine());
        String container = counter();
        Lines lines = new Lines();
        hub.containerLogs(container, LogOptions.builder().fromStart().build(), lines);
        awaitMore(lines, 50);

        // Killed under the engine, which restarts it under its policy.
        String pid = docker("inspect", "-f", "{{.State.Pid}}", container);
        assertThat(Shell.run("kill", "-9", pid).ok()).isTrue();
        await(BOUND, "reconnected after the kill", () -> count(lines, StreamEvent.Kind.RECONNECTED) == 1);
        awaitMore(lines, 50);

        // Restarted through the engine: a stop, then a start.
        docker("restart", "-t", "1", container);
        await(BOUND, "reconnected after the restart", () -> count(lines, StreamEvent.Kind.RECONNECTED) == 2);
        awaitMore(lines, 50);

        assertThat(count(lines, StreamEvent.Kind.RECONNECTING)).isEqualTo(2);
        assertThat(lines.ended()).isFalse();
        assertExactlyTheEnginesLog(lines, container);
    }

    @Test
    @Order(2)
    void aLostConnectionToTheEngineIsResumedWithoutDuplicatesOrGaps() throws Exception {
        EngineProxy proxy = new EngineProxy(Path.of(EngineSettings.DEFAULT_HOST.getPath()));
        toClose.add(proxy);
        proxy.start();
        PlatformStreamHub hub = hub(EngineSettings.of(URI.create(proxy.host())));
        String container = counter();
        Lines lines = new Lines();
        hub.containerLogs(container, LogOptions.builder().fromStart().build(), lines);
        awaitMore(lines, 50);

        proxy.stop();
        await(BOUND, "told it is reconnecting", () -> count(lines, StreamEvent.Kind.RECONNECTING) == 1);
        // Down long enough for several failed attempts and for the container to write on meanwhile.
        int before = lines.count();
        await(BOUND, "the container writes while the hub cannot read",
                () -> FixtureContainers.engineLog(container).size() > before + 100);
        proxy.start();

        await(BOUND, "reconnected", () -> count(lines, StreamEvent.Kind.RECONNECTED) == 1);
        awaitMore(lines, 150);
        assertExactlyTheEnginesLog(lines, container);
    }

    /** Restarts the shared engine: runs in CI (or when asked), last, because every engineer's containers stop. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theEngineRestartedMidStreamIsResumedWithoutDuplicatesOrGaps() throws Exception {
        assumeTrue("true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("orbitr.it.restartEngine"),
                "restarts the shared Docker engine: only in CI or with -Dorbitr.it.restartEngine=true");
        Path startDocker = repositoryRoot().resolve("scripts/start-docker");
        PlatformStreamHub hub = hub(localEngine());
        String container = counter();
        Lines lines = new Lines();
        hub.containerLogs(container, LogOptions.builder().fromStart().build(), lines);
        awaitMore(lines, 50);

        // The engine's own pid file names it: it is stopped by its id, never by name.
        String pid = Files.readString(Path.of("/var/run/docker.pid")).trim();
        assertThat(Shell.run("kill", pid).ok()).isTrue();
        await(BOUND, "the engine stops", () -> !Files.exists(Path.of("/proc", pid)));
        Shell.Result started = Shell.run(Duration.ofSeconds(60), List.of(startDocker.toString()));
        assertThat(started.ok()).as(started.output()).isTrue();

        await(BOUND, "reconnected", () -> count(lines, StreamEvent.Kind.RECONNECTED) >= 1);
        awaitMore(lines, 50);
        assertExactlyTheEnginesLog(lines, container);
    }

    private static long count(Lines lines, StreamEvent.Kind kind) {
        return lines.events().stream().filter(event -> event.kind() == kind).count();
    }

    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("scripts/start-docker"))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("the repository root, with scripts/start-docker").isNotNull();
        return directory;
    }
}
