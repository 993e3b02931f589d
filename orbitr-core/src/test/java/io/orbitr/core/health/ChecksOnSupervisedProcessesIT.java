package io.orbitr.core.health;

import io.orbitr.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.Orbitr;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthMonitor;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import io.orbitr.health.HistoryEntry;
import io.orbitr.health.Remediation;
import io.orbitr.notify.Notification;
import io.orbitr.process.ProcessSpec;
import io.orbitr.process.ProcessState;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.process.RestartPolicy;
import io.orbitr.stream.LogLine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process, log-pattern and memory checks and process remediation on the assembled platform, against the real
 * {@code LocalProcessSupervisor} running real {@code /bin/sh} scripts: no stand-ins.
 */
class ChecksOnSupervisedProcessesIT {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Duration SECOND = Duration.ofSeconds(1);

    @TempDir
    Path data;
    private Orbitr orbitr;
    private ProcessSupervisor processes;
    private HealthMonitor health;

    @BeforeEach
    void start() {
        orbitr = Orbitr.builder().inMemoryStore().dataDirectory(data).build();
        processes = orbitr.processes();
        health = orbitr.health();
    }

    @AfterEach
    void stop() {
        orbitr.close();
    }

    /** Starts {@code sh -c script} under the supervisor, never restarted by it. */
    private void run(String name, String script) {
        processes.start(ProcessSpec.builder(name, "/bin/sh").args("-c", script).restartPolicy(RestartPolicy.never())
                .gracePeriod(Duration.ofMillis(500)).build());
    }

    private void awaitState(String name, ProcessState state) {
        Await.until(name + " is " + state, BOUND,
                () -> processes.status(name).map(s -> s.state() == state).orElse(false));
    }

    private void awaitOutput(String name, String text) {
        Await.until(name + " printed " + text, BOUND,
                () -> processes.tail(name, 1000).stream().anyMatch(line -> line.text().contains(text)));
    }

    private HealthResult check(CheckSpec spec) throws Exception {
        return orbitr.healthCheck(spec).check();
    }

    private HealthResult awaitTarget(String id, HealthStatus status) {
        Await.until(id + " is " + status, BOUND, () -> health.status(id).status() == status);
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

    private long linesContaining(String process, String text) {
        return processes.tail(process, 10_000).stream().map(LogLine::text).filter(t -> t.contains(text)).count();
    }

    @Test
    void processCheckFollowsARealProcessFromRunningToStoppedAndExited() throws Exception {
        run("sleeper", "echo up; exec sleep 300");
        run("quitter", "echo bye; exit 3");
        awaitState("sleeper", ProcessState.RUNNING);
        awaitState("quitter", ProcessState.EXITED);
        health.add(HealthTarget.builder("sleeper", CheckSpec.of("process", "process", "sleeper"))
                .interval(SECOND).build());

        HealthResult up = awaitTarget("sleeper", HealthStatus.UP);
        assertThat(up.details()).containsEntry("state", "RUNNING")
                .containsEntry("pid", processes.status("sleeper").orElseThrow().pid().orElseThrow());

        processes.stop("sleeper");
        HealthResult down = awaitTarget("sleeper", HealthStatus.DOWN);
        assertThat(down.details()).containsEntry("state", "STOPPED");

        HealthResult exited = check(CheckSpec.of("process", "process", "quitter"));
        assertThat(exited.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(exited.message()).startsWith("exited with code 3");
        assertThat(exited.details()).containsEntry("state", "EXITED").containsEntry("exitCode", 3);
        assertThat(check(CheckSpec.of("process", "process", "nobody")).status()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void logPatternCountsErrorsAndWarningsInARealProcessOutput() throws Exception {
        run("noisy", "echo starting; echo 'WARN disk 81%'; echo 'WARN disk 85%'; echo 'ERROR db gone' >&2;"
                + " echo 'ERROR db still gone'; echo done; exec sleep 300");
        run("calm", "echo starting; echo 'WARN disk 81%'; echo done; exec sleep 300");
        awaitOutput("noisy", "done");
        awaitOutput("calm", "done");

        HealthResult errors = check(CheckSpec.of("log-pattern", "process", "noisy", "error", "ERROR",
                "warning", "WARN", "error-threshold", 2));
        assertThat(errors.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(errors.details()).containsEntry("errors", 2).containsEntry("warnings", 2)
                .containsEntry("scanned", 6);
        // stdout and stderr are separate pipes: which error line was read last is up to the scheduler.
        assertThat((String) errors.details().get("lastError")).isIn("ERROR db gone", "ERROR db still gone");

        HealthResult belowThreshold = check(CheckSpec.of("log-pattern", "process", "noisy", "error", "ERROR",
                "error-threshold", 3));
        assertThat(belowThreshold.status()).isEqualTo(HealthStatus.UP);

        HealthResult degraded = check(CheckSpec.of("log-pattern", "process", "calm", "error", "ERROR",
                "warning", "WARN"));
        assertThat(degraded.status()).isEqualTo(HealthStatus.PENDING);
        assertThat(degraded.details()).containsEntry("warnings", 1).containsEntry("lastWarning", "WARN disk 81%");

        HealthResult lastLines = check(CheckSpec.of("log-pattern", "process", "calm", "warning", "WARN",
                "lines", 1));
        assertThat(lastLines.status()).isEqualTo(HealthStatus.UP);
        assertThat(lastLines.details()).containsEntry("scanned", 1);

        // With a window, lines older than it no longer count: the errors age out while the process stays quiet.
        HealthCheck recent = orbitr.healthCheck(CheckSpec.of("log-pattern", "process", "noisy",
                "error", "ERROR", "window", "1s"));
        Await.until("the errors age out of the window", BOUND, () -> {
            try {
                return recent.check().status() == HealthStatus.UP;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(recent.check().details()).containsEntry("scanned", 0).containsEntry("errors", 0);

        health.add(HealthTarget.builder("noisy-log", CheckSpec.of("log-pattern", "process", "noisy",
                "error", "ERROR")).interval(SECOND).build());
        assertThat(awaitTarget("noisy-log", HealthStatus.DOWN).details()).containsEntry("errors", 2);
    }

    @Test
    void memoryMeasuresARealProcessTreeAgainstALimit() throws Exception {
        // The shell keeps 16 MB in a variable and waits on a child: a tree of two processes, at least 16 MB resident.
        run("hog", "x=$(head -c 16000000 /dev/zero | tr '\\0' a); echo ready; sleep 300; echo ${#x}");
        awaitOutput("hog", "ready");

        HealthResult over = check(CheckSpec.of("memory", "process", "hog", "limit", "8m"));
        assertThat(over.status()).isEqualTo(HealthStatus.DOWN);
        assertThat((Long) over.details().get("usedBytes")).isGreaterThanOrEqualTo(16_000_000L);
        assertThat((Integer) over.details().get("processes")).isGreaterThanOrEqualTo(2);

        HealthResult warned = check(CheckSpec.of("memory", "process", "hog", "limit", "1g", "warning", "8m"));
        assertThat(warned.status()).isEqualTo(HealthStatus.PENDING);

        health.add(HealthTarget.builder("hog-memory", CheckSpec.of("memory", "process", "hog", "limit", "1g"))
                .interval(SECOND).build());
        assertThat(awaitTarget("hog-memory", HealthStatus.UP).details()).containsEntry("limitBytes", 1L << 30);

        processes.stop("hog");
        awaitState("hog", ProcessState.STOPPED);
        assertThat(check(CheckSpec.of("memory", "process", "hog", "limit", "1g")).status())
                .isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void anExitedProcessIsRestartedAfterNDownChecksAtMostMTimes() {
        run("crasher", "echo started; exit 1");
        awaitState("crasher", ProcessState.EXITED);
        health.add(HealthTarget.builder("crasher", CheckSpec.of("process", "process", "crasher"))
                .interval(SECOND)
                .remediation(Remediation.restartProcess("crasher").afterDownChecks(2)
                        .maxRestarts(2, Duration.ofHours(1)).delays(SECOND, SECOND))
                .build());

        Await.until("remediation gives up", BOUND,
                () -> notifications("crasher").stream().anyMatch(m -> m.contains(": remediation paused")));
        List<String> messages = notifications("crasher");
        assertThat(messages).filteredOn(m -> m.startsWith("crasher: restarted process 'crasher' after ")).hasSize(2);
        // The first run and the two restarts by the monitor; the supervisor itself never restarts it.
        Await.until("the second restart ran", BOUND, () -> linesContaining("crasher", "started") == 3);

        // A few more DOWN checks change nothing: the cap holds.
        int seen = history("crasher").size();
        Await.until("three more checks", BOUND, () -> history("crasher").size() >= seen + 3);
        assertThat(linesContaining("crasher", "started")).isEqualTo(3);
        assertThat(notifications("crasher")).filteredOn(m -> m.contains("restarted process")).hasSize(2);
        assertThat(health.status("crasher").status()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void aProcessTheUserStoppedIsNotRestarted() {
        run("stopped", "echo started; exec sleep 300");
        awaitState("stopped", ProcessState.RUNNING);
        processes.stop("stopped");
        awaitState("stopped", ProcessState.STOPPED);
        health.add(HealthTarget.builder("stopped", CheckSpec.of("process", "process", "stopped"))
                .interval(SECOND)
                .remediation(Remediation.restartProcess("stopped").afterDownChecks(1)
                        .maxRestarts(3, Duration.ofHours(1)).delays(Duration.ZERO, Duration.ZERO))
                .build());

        Await.until("four DOWN checks", BOUND, () -> history("stopped").stream()
                .filter(e -> e.result().status() == HealthStatus.DOWN).count() >= 4);

        assertThat(processes.status("stopped").orElseThrow().state()).isEqualTo(ProcessState.STOPPED);
        assertThat(linesContaining("stopped", "started")).isEqualTo(1);
        assertThat(notifications("stopped")).noneMatch(m -> m.contains("restarted process"))
                .noneMatch(m -> m.contains("remediation"));
    }
}
