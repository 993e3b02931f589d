package io.orbitr.core.health.check;

import io.orbitr.testing.Await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.process.ProcessState;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogStream;
import io.orbitr.stream.StatsSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code process}, {@code log-pattern} and {@code memory} checks. The supervisor is implemented by another
 * module, so a small stand-in reports statuses; the processes whose pids and memory are read are real.
 */
class ProcessChecksTest {
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private final FakeSupervisor supervisor = new FakeSupervisor();
    private final ContainerEngine engine = mock(ContainerEngine.class);
    private final TestContext context = new TestContext(Clock.fixed(NOW, ZoneOffset.UTC))
            .with(ProcessSupervisor.class, supervisor).with(ContainerEngine.class, engine);
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void kill() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private Process real(String script) throws Exception {
        Process process = new ProcessBuilder("/bin/sh", "-c", script).start();
        started.add(process);
        return process;
    }

    private HealthResult process(String name) throws Exception {
        ProcessCheckProvider provider = new ProcessCheckProvider();
        provider.start(context);
        return provider.create(CheckSpec.of("process", "process", name)).check();
    }

    @Test
    void aRunningProcessWithALivePidIsUp() throws Exception {
        Process sleeper = real("sleep 60");
        supervisor.set("jdc", ProcessState.RUNNING, sleeper.pid());
        HealthResult result = process("jdc");
        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.message()).isEqualTo("running as pid " + sleeper.pid());
        assertThat(result.details()).containsEntry("state", "RUNNING").containsEntry("pid", sleeper.pid());

        sleeper.destroyForcibly().waitFor();
        HealthResult gone = process("jdc");
        assertThat(gone.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(gone.message()).isEqualTo("pid " + sleeper.pid() + " is gone");
    }

    @Test
    void statesMapToUpPendingAndDown() throws Exception {
        supervisor.set("jdc", ProcessState.STARTING, 0);
        assertThat(process("jdc").status()).isEqualTo(HealthStatus.PENDING);
        supervisor.set("jdc", ProcessState.BACKOFF, 0);
        assertThat(process("jdc").status()).isEqualTo(HealthStatus.PENDING);
        supervisor.set("jdc", ProcessState.STOPPED, 0);
        assertThat(process("jdc").message()).isEqualTo("stopped");
        supervisor.set("jdc", ProcessState.EXITED, 0);
        HealthResult exited = process("jdc");
        assertThat(exited.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(exited.message()).isEqualTo("exited with code 3");
        assertThat(exited.details()).containsEntry("exitCode", 3);
        supervisor.set("jdc", ProcessState.FAILED, 0);
        assertThat(process("jdc").status()).isEqualTo(HealthStatus.DOWN);
        assertThat(process("nobody").message()).isEqualTo("no supervised process is named 'nobody'");
    }

    @Test
    void withoutASupervisorTheStatusIsUnknown() throws Exception {
        ProcessCheckProvider provider = new ProcessCheckProvider();
        provider.start(new TestContext(Clock.systemUTC()));
        HealthResult result = provider.create(CheckSpec.of("process", "process", "jdc")).check();
        assertThat(result.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(result.message()).contains("ProcessSupervisor");
    }

    private static LogLine line(long id, int secondsAgo, String text) {
        return new LogLine(id, NOW.minusSeconds(secondsAgo), LogStream.STDOUT, text);
    }

    private HealthResult logs(Object... options) throws Exception {
        LogPatternCheckProvider provider = new LogPatternCheckProvider();
        provider.start(context);
        return provider.create(CheckSpec.of("log-pattern", options)).check();
    }

    @Test
    void errorAndWarningLinesAreCountedAgainstThresholds() throws Exception {
        supervisor.logs("jdc", List.of(line(1, 600, "ERROR old failure"), line(2, 100, "WARN slow upstream"),
                line(3, 90, "INFO ok"), line(4, 60, "WARN slow upstream"), line(5, 30, "ERROR lost connection")));

        HealthResult anyError = logs("process", "jdc", "error", "ERROR", "warning", "WARN");
        assertThat(anyError.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(anyError.message()).isEqualTo("2 error and 2 warning lines in the last 5 of process jdc;"
                + " last: ERROR lost connection");
        assertThat(anyError.details()).containsEntry("errors", 2).containsEntry("warnings", 2)
                .containsEntry("scanned", 5);

        HealthResult degraded = logs("process", "jdc", "error", "ERROR", "error-threshold", 3, "warning", "WARN",
                "warning-threshold", 2);
        assertThat(degraded.status()).isEqualTo(HealthStatus.PENDING);
        assertThat(degraded.message()).contains("(degraded)");

        // Only the last 2 minutes: one warning, one error; and only the last 2 lines.
        assertThat(logs("process", "jdc", "error", "ERROR", "warning", "WARN", "window", "2m").details())
                .containsEntry("errors", 1).containsEntry("warnings", 2).containsEntry("scanned", 4);
        assertThat(logs("process", "jdc", "warning", "WARN", "lines", 2).details()).containsEntry("scanned", 2)
                .containsEntry("warnings", 1);
        assertThat(logs("process", "jdc", "error", "PANIC").status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void aContainersLogIsReadThroughTheEngine() throws Exception {
        when(engine.recentLogs("web", 50)).thenReturn(List.of(line(1, 5, "panic: nil map")));
        HealthResult result = logs("container", "web", "error", "^panic:", "lines", 50);
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        verify(engine).recentLogs("web", 50);
    }

    @Test
    void logOptionsAreValidated() {
        LogPatternCheckProvider provider = new LogPatternCheckProvider();
        assertThatThrownBy(() -> provider.create(CheckSpec.of("log-pattern", "process", "jdc")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("log-pattern.error");
        assertThatThrownBy(() -> provider.create(CheckSpec.of("log-pattern", "error", "x")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("process|container");
        assertThatThrownBy(() -> provider.create(CheckSpec.of("log-pattern", "process", "a", "container", "b",
                "error", "x"))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> provider.create(CheckSpec.of("log-pattern", "process", "a", "error", "x",
                "lines", 0))).hasMessageContaining("log-pattern.lines");
    }

    private HealthResult memory(Object... options) throws Exception {
        MemoryCheckProvider provider = new MemoryCheckProvider();
        provider.start(context);
        return provider.create(CheckSpec.of("memory", options)).check();
    }

    @Test
    void aProcessTreesResidentMemoryIsSummedAgainstTheLimit() throws Exception {
        Process tree = real("sleep 60 & sleep 60 & wait");
        Await.until("two children", Duration.ofSeconds(10), () -> tree.descendants().count() == 2);
        supervisor.set("jdc", ProcessState.RUNNING, tree.pid());

        HealthResult roomy = memory("process", "jdc", "limit", "1g");
        assertThat(roomy.status()).isEqualTo(HealthStatus.UP);
        assertThat(roomy.details()).containsEntry("processes", 3).containsEntry("limitBytes", 1L << 30);
        long used = ((Number) roomy.details().get("usedBytes")).longValue();
        assertThat(used).isGreaterThan(3 * 100 * 1024L);

        HealthResult tight = memory("process", "jdc", "limit", "100k");
        assertThat(tight.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(tight.message()).endsWith("at or over the limit");
        assertThat(memory("pid", tree.pid(), "limit", "1g", "warning", "1k").status())
                .isEqualTo(HealthStatus.PENDING);
    }

    @Test
    void aContainersMemoryComesFromTheEngine() throws Exception {
        when(engine.stats("web")).thenReturn(new StatsSample(NOW, 0, 600L << 20, 1L << 30, 0, 0, 0, 0, 0, 1));
        HealthResult result = memory("container", "web", "limit", "512m");
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("600.0 MiB of 512.0 MiB used by container web: at or over the limit");
    }

    @Test
    void aStoppedProcessHasNoMemoryToJudge() throws Exception {
        supervisor.set("jdc", ProcessState.STOPPED, 0);
        HealthResult result = memory("process", "jdc", "limit", "1g");
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("process jdc is not running (stopped)");
    }

    @Test
    void memoryOptionsAreValidated() {
        MemoryCheckProvider provider = new MemoryCheckProvider();
        assertThatThrownBy(() -> provider.create(CheckSpec.of("memory", "process", "jdc")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("memory.limit");
        assertThatThrownBy(() -> provider.create(CheckSpec.of("memory", "process", "jdc", "limit", "lots")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("memory.limit");
        assertThatThrownBy(() -> provider.create(CheckSpec.of("memory", "process", "jdc", "limit", "1m",
                "warning", "2m"))).hasMessageContaining("memory.warning");
        assertThatThrownBy(() -> provider.create(CheckSpec.of("memory", "limit", "1m")))
                .hasMessageContaining("process|container|pid");
    }
}
