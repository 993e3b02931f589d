package io.orbitr.docker.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.OrbitrException;
import io.orbitr.core.Orbitr;
import io.orbitr.health.HealthMonitor;
import io.orbitr.docker.engine.DockerFixture;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.ContainerState;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import io.orbitr.health.HistoryEntry;
import io.orbitr.health.Remediation;
import io.orbitr.notify.Notification;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command, log-pattern and memory checks and container remediation on the assembled platform, against real
 * busybox containers of the real engine: no stand-ins.
 */
@RealDocker
class ChecksOnRealContainersIT {
    private static final String PREFIX = "orbitr-hr-";
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration SECOND = Duration.ofSeconds(1);
    /** A container that stops at once on SIGTERM (a shell as pid 1 ignores it otherwise, and stops take 10 s). */
    private static final String SERVE = "trap 'exit 0' TERM; while true; do sleep 1; done";

    @TempDir
    Path data;
    private Orbitr orbitr;
    private ContainerEngine engine;
    private HealthMonitor health;
    private final List<String> containers = new ArrayList<>();

    @BeforeEach
    void start() {
        orbitr = Orbitr.builder().inMemoryStore().dataDirectory(data).build();
        engine = orbitr.engine();
        health = orbitr.health();
    }

    @AfterEach
    void stop() {
        try {
            for (String name : containers) {
                try {
                    engine.containers().remove(name, true, true);
                } catch (OrbitrException e) {
                    // Never made, or already gone.
                }
            }
        } finally {
            orbitr.close();
        }
    }

    private String run(String purpose, String script) {
        String name = PREFIX + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        containers.add(name);
        engine.containers().create(ContainerSpec.builder(TestImages.busybox()).name(name)
                .label("io.orbitr.test.owner", "orbitr-hr").command("sh", "-c", script).build());
        engine.containers().start(name);
        return name;
    }

    private static void await(String what, BooleanSupplier condition) {
        DockerFixture.await(BOUND, condition, what);
    }

    private void awaitLog(String container, String text) {
        await(container + " logged " + text, () -> engine.recentLogs(container, 1000).stream()
                .anyMatch(line -> line.text().contains(text)));
    }

    private HealthResult check(CheckSpec spec) throws Exception {
        return orbitr.healthCheck(spec).check();
    }

    private HealthResult awaitTarget(String id, HealthStatus status) {
        await(id + " is " + status, () -> health.status(id).status() == status);
        return health.status(id).last().orElseThrow();
    }

    private List<HistoryEntry> history(String id) {
        health.flush();
        return health.history(id, Instant.EPOCH, Instant.now().plusSeconds(60), 1000, Optional.empty()).items();
    }

    private List<String> notifications(String id) {
        return orbitr.notifications().list(false, 1000, Optional.empty()).items().stream()
                .filter(n -> n.targetId().equals(id)).map(Notification::message).toList();
    }

    private ContainerState state(String container) {
        return engine.containers().inspect(container).state();
    }

    @Test
    void commandRunsInsideTheContainerThroughExec() throws Exception {
        String name = run("cmd", SERVE);

        HealthResult up = check(CheckSpec.of("command", "container", name, "command", "echo fine; test -d /bin"));
        assertThat(up.status()).isEqualTo(HealthStatus.UP);
        assertThat(up.details()).containsEntry("exitCode", 0).containsEntry("truncated", false);
        assertThat((String) up.details().get("output")).contains("fine");

        HealthResult down = check(CheckSpec.of("command", "container", name, "command", "echo broken >&2; exit 1"));
        assertThat(down.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(down.details()).containsEntry("exitCode", 1);
        assertThat((String) down.details().get("output")).contains("broken");

        HealthResult bounded = check(CheckSpec.of("command", "container", name,
                "command", List.of("seq", "1", "100000"), "max-output", 100));
        assertThat(bounded.status()).isEqualTo(HealthStatus.UP);
        assertThat(bounded.details()).containsEntry("truncated", true);
        assertThat(((String) bounded.details().get("output")).getBytes()).hasSizeLessThanOrEqualTo(100);
        assertThat((String) bounded.details().get("output")).startsWith("1\n2\n3\n");

        health.add(HealthTarget.builder("cmd", CheckSpec.of("command", "container", name, "command", "exit 0"))
                .interval(SECOND).build());
        assertThat(awaitTarget("cmd", HealthStatus.UP).details()).containsEntry("exitCode", 0);
    }

    @Test
    void logPatternReadsARealContainerLog() throws Exception {
        String noisy = run("noisy", "echo starting; echo 'WARN disk 81%'; echo 'ERROR db gone' >&2;"
                + " echo 'ERROR db still gone'; echo done; " + SERVE);
        String calm = run("calm", "echo starting; echo 'WARN disk 81%'; echo 'WARN disk 85%'; echo done; " + SERVE);
        awaitLog(noisy, "done");
        awaitLog(calm, "done");

        HealthResult errors = check(CheckSpec.of("log-pattern", "container", noisy, "error", "ERROR",
                "warning", "WARN", "error-threshold", 2));
        assertThat(errors.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(errors.details()).containsEntry("errors", 2).containsEntry("warnings", 1)
                .containsEntry("scanned", 5);
        // stdout and stderr reach the engine through separate pipes: which error line it logged last is a race.
        assertThat((String) errors.details().get("lastError")).isIn("ERROR db gone", "ERROR db still gone");

        assertThat(check(CheckSpec.of("log-pattern", "container", noisy, "error", "ERROR", "error-threshold", 3))
                .status()).isEqualTo(HealthStatus.UP);

        HealthResult degraded = check(CheckSpec.of("log-pattern", "container", calm, "error", "ERROR",
                "warning", "WARN", "warning-threshold", 2));
        assertThat(degraded.status()).isEqualTo(HealthStatus.PENDING);
        assertThat(degraded.details()).containsEntry("warnings", 2).containsEntry("lastWarning", "WARN disk 85%");
        assertThat(check(CheckSpec.of("log-pattern", "container", calm, "error", "ERROR",
                "warning", "WARN", "warning-threshold", 3)).status()).isEqualTo(HealthStatus.UP);

        // With a window, lines older than it no longer count: the errors age out while the container stays quiet.
        HealthCheck recent = orbitr.healthCheck(CheckSpec.of("log-pattern", "container", noisy, "error", "ERROR",
                "window", "1s"));
        await("the errors age out of the window", () -> {
            try {
                return recent.check().status() == HealthStatus.UP;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(recent.check().details()).containsEntry("scanned", 0).containsEntry("errors", 0);

        health.add(HealthTarget.builder("noisy-log", CheckSpec.of("log-pattern", "container", noisy,
                "error", "ERROR", "error-threshold", 2)).interval(SECOND).build());
        assertThat(awaitTarget("noisy-log", HealthStatus.DOWN).details()).containsEntry("errors", 2);
    }

    @Test
    void memoryComparesARealContainerWithALimit() throws Exception {
        // The shell keeps 16 MB in a variable, so the container uses well over 8 MiB.
        String name = run("mem", "x=$(head -c 16000000 /dev/zero | tr '\\0' a); echo ready; " + SERVE);
        awaitLog(name, "ready");

        HealthResult over = check(CheckSpec.of("memory", "container", name, "limit", "8m"));
        assertThat(over.status()).isEqualTo(HealthStatus.DOWN);
        assertThat((Long) over.details().get("usedBytes")).isGreaterThanOrEqualTo(8L << 20);

        HealthResult under = check(CheckSpec.of("memory", "container", name, "limit", "1g"));
        assertThat(under.status()).isEqualTo(HealthStatus.UP);
        assertThat(under.details()).containsEntry("limitBytes", 1L << 30);

        assertThat(check(CheckSpec.of("memory", "container", name, "limit", "1g", "warning", "8m")).status())
                .isEqualTo(HealthStatus.PENDING);

        health.add(HealthTarget.builder("mem", CheckSpec.of("memory", "container", name, "limit", "8m"))
                .interval(SECOND).build());
        awaitTarget("mem", HealthStatus.DOWN);
    }

    @Test
    void aRunningButFailingContainerIsRestartedAfterNDownChecksAtMostMTimes() {
        String name = run("heal", SERVE);
        Instant firstStart = state(name).startedAt().orElseThrow();
        health.add(HealthTarget.builder("heal", CheckSpec.of("command", "container", name, "command", "exit 1"))
                .interval(SECOND)
                .remediation(Remediation.restartContainer(name).afterDownChecks(2)
                        .maxRestarts(2, Duration.ofHours(1)).delays(SECOND, SECOND))
                .build());

        await("remediation gives up",
                () -> notifications("heal").stream().anyMatch(m -> m.contains(": remediation paused")));
        assertThat(notifications("heal"))
                .filteredOn(m -> m.startsWith("heal: restarted container '" + name + "' after ")).hasSize(2);
        ContainerState restarted = state(name);
        assertThat(restarted.running()).isTrue();
        assertThat(restarted.startedAt().orElseThrow()).isAfter(firstStart);

        // More DOWN checks change nothing: the cap holds.
        Instant lastStart = restarted.startedAt().orElseThrow();
        int seen = history("heal").size();
        await("three more checks", () -> history("heal").size() >= seen + 3);
        assertThat(state(name).startedAt().orElseThrow()).isEqualTo(lastStart);
        assertThat(notifications("heal")).filteredOn(m -> m.contains("restarted container")).hasSize(2);
    }

    @Test
    void aContainerTheUserStoppedIsNotRestarted() {
        String name = run("stopped", SERVE);
        engine.containers().stop(name, Duration.ofSeconds(10));
        Instant finished = state(name).finishedAt().orElseThrow();
        Remediation restart = Remediation.restartContainer(name).afterDownChecks(1)
                .maxRestarts(3, Duration.ofHours(1)).delays(Duration.ZERO, Duration.ZERO);
        health.add(HealthTarget.builder("stopped-cmd", CheckSpec.of("command", "container", name, "command", "true"))
                .interval(SECOND).remediation(restart).build());
        health.add(HealthTarget.builder("stopped-mem", CheckSpec.of("memory", "container", name, "limit", "1g"))
                .interval(SECOND).remediation(restart).build());
        health.add(HealthTarget.builder("stopped-docker", CheckSpec.of("docker", "container", name))
                .interval(SECOND).remediation(restart).build());

        for (String target : List.of("stopped-cmd", "stopped-mem", "stopped-docker")) {
            await(target + " has four DOWN checks", () -> history(target).stream()
                    .filter(e -> e.result().status() == HealthStatus.DOWN).count() >= 4);
        }

        ContainerState now = state(name);
        assertThat(now.running()).isFalse();
        assertThat(now.finishedAt()).contains(finished);
        for (String target : List.of("stopped-cmd", "stopped-mem", "stopped-docker")) {
            assertThat(notifications(target)).as(target).noneMatch(m -> m.contains("restarted container"))
                    .noneMatch(m -> m.contains("remediation"));
        }
    }

    @Test
    void aContainerTheUserPausedIsNotRestarted() {
        String name = run("paused", SERVE);
        Instant started = state(name).startedAt().orElseThrow();
        engine.containers().pause(name);
        // exec into a paused container fails, so the check is DOWN while the engine still counts it as running.
        health.add(HealthTarget.builder("paused-cmd", CheckSpec.of("command", "container", name, "command", "true"))
                .interval(SECOND)
                .remediation(Remediation.restartContainer(name).afterDownChecks(1)
                        .maxRestarts(3, Duration.ofHours(1)).delays(Duration.ZERO, Duration.ZERO))
                .build());

        await("four DOWN checks", () -> history("paused-cmd").stream()
                .filter(e -> e.result().status() == HealthStatus.DOWN).count() >= 4);

        ContainerState now = state(name);
        assertThat(now.paused()).isTrue();
        assertThat(now.startedAt()).contains(started);
        assertThat(notifications("paused-cmd")).noneMatch(m -> m.contains("restarted container"))
                .noneMatch(m -> m.contains("remediation"));
    }
}
