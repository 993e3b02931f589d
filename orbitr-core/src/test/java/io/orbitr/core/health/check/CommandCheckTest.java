package io.orbitr.core.health.check;

import io.orbitr.testing.Await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ExecResult;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code command} check with real processes on the host, and through the engine interface in a container. */
class CommandCheckTest {
    private final CommandCheckProvider provider = new CommandCheckProvider();

    @AfterEach
    void stop() {
        provider.stop();
    }

    @Test
    void exitZeroIsUpAndAnythingElseDownWithTheOutput() throws Exception {
        HealthResult up = provider.create(CheckSpec.of("command", "command", "echo fine")).check();
        assertThat(up.status()).isEqualTo(HealthStatus.UP);
        assertThat(up.details()).containsEntry("exitCode", 0).containsEntry("output", "fine\n")
                .containsEntry("truncated", false);

        HealthResult down = provider.create(CheckSpec.of("command", "command", "echo 'no database' >&2; exit 3"))
                .check();
        assertThat(down.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(down.message()).isEqualTo("exit 3: no database");
        assertThat(down.details()).containsEntry("exitCode", 3);
    }

    @Test
    void aListIsRunWithoutAShell(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("marker"), "x");
        HealthResult result = provider.create(CheckSpec.of("command", "command", List.of("ls", "marker"),
                "working-directory", directory.toString())).check();
        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.details()).containsEntry("output", "marker\n");
    }

    @Test
    void outputIsKeptUpToTheBound() throws Exception {
        HealthResult result = provider.create(CheckSpec.of("command", "command", "seq 1 100000",
                "max-output", 16)).check();
        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.details()).containsEntry("output", "1\n2\n3\n4\n5\n6\n7\n8\n")
                .containsEntry("truncated", true);
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsKilledWithItsChildren(@TempDir Path directory) throws Exception {
        Path pids = directory.resolve("pids");
        HealthResult result = provider.create(CheckSpec.of("command", "command",
                "sleep 60 & echo $! > " + pids + "; echo started; wait", "timeout", "1s")).check();
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("timed out after 1000 ms; killed");
        assertThat(result.details()).containsEntry("output", "started\n");
        long child = Long.parseLong(Files.readString(pids).trim());
        Await.until("the child " + child + " to be killed", Duration.ofSeconds(10),
                () -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void anInterruptedCheckKillsItsProcessTree(@TempDir Path directory) throws Exception {
        Path pids = directory.resolve("pids");
        HealthCheck check = provider.create(CheckSpec.of("command", "command",
                "sleep 60 & echo $! > " + pids + "; wait", "timeout", "60s"));
        Thread runner = new Thread(() -> {
            try {
                check.check();
            } catch (Exception e) {
                // interrupted, as the monitor does at its timeout
            }
        });
        runner.start();
        Await.until("the command to start", Duration.ofSeconds(10), () -> Files.exists(pids)
                && !readQuietly(pids).isBlank());
        long child = Long.parseLong(readQuietly(pids).trim());
        runner.interrupt();
        runner.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(runner.isAlive()).isFalse();
        Await.until("the child " + child + " to be killed", Duration.ofSeconds(10),
                () -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void aContainerCommandRunsThroughTheEngine() throws Exception {
        ContainerEngine engine = mock(ContainerEngine.class);
        List<String> command = List.of("/bin/sh", "-c", "wget -q -O- http://localhost/health");
        when(engine.exec("web", command, Duration.ofSeconds(5), 4096)).thenReturn(new ExecResult(1, "unhealthy\n", false));
        provider.start(new TestContext(Clock.systemUTC()).with(ContainerEngine.class, engine));
        HealthResult result = provider.create(CheckSpec.of("command", "container", "web", "command",
                "wget -q -O- http://localhost/health", "timeout", "5s")).check();
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("exit 1: unhealthy");
        verify(engine).exec("web", command, Duration.ofSeconds(5), 4096);
    }

    @Test
    void aMissingContainerIsDownNamingIt() throws Exception {
        ContainerEngine engine = mock(ContainerEngine.class);
        when(engine.exec(anyString(), anyList(), any(Duration.class), anyInt()))
                .thenThrow(new NotFoundException("container", "web"));
        provider.start(new TestContext(Clock.systemUTC()).with(ContainerEngine.class, engine));
        HealthCheck check = provider.create(CheckSpec.of("command", "container", "web", "command", "true"));
        HealthResult result = check.check();
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("no such container web");
    }

    @Test
    void withoutAnEngineAContainerCommandIsUnknown() throws Exception {
        provider.start(new TestContext(Clock.systemUTC()));
        HealthResult result = provider.create(CheckSpec.of("command", "container", "web", "command", "true"))
                .check();
        assertThat(result.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(result.message()).contains("ContainerEngine");
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> provider.create(CheckSpec.of("command")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("command.command");
        assertThatThrownBy(() -> provider.create(CheckSpec.of("command", "command", List.of())))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("command.command");
        assertThatThrownBy(() -> provider.create(CheckSpec.of("command", "command", "true", "timeout", "soon")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("command.timeout");
        assertThatThrownBy(() -> provider.create(CheckSpec.of("command", "command", "true", "container", "web",
                "working-directory", "/tmp"))).hasMessageContaining("command.working-directory");
    }
}
