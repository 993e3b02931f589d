package io.orbitr.core.health.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.UnavailableException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.Engines;
import io.orbitr.engine.ExecResult;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheckProvider;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.checks.CommandCheckSpec;
import io.orbitr.health.checks.LogPatternCheckSpec;
import io.orbitr.health.checks.MemoryCheckSpec;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogStream;
import io.orbitr.stream.StatsSample;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code engine} option of the checks that reach a container through the engine ({@code command},
 * {@code memory}, {@code log-pattern}): which endpoint they ask, and what they refuse when they are made.
 */
@Timeout(30)
class EngineOptionTest {
    private final ContainerEngine local = mock(ContainerEngine.class);
    private final ContainerEngine edge = mock(ContainerEngine.class);
    private final Engines engines = mock(Engines.class);
    private final CommandCheckProvider command = new CommandCheckProvider();
    private final MemoryCheckProvider memory = new MemoryCheckProvider();
    private final LogPatternCheckProvider logPattern = new LogPatternCheckProvider();

    @BeforeEach
    void start() {
        EngineSettings localSettings = EngineSettings.named(EngineSettings.LOCAL, EngineSettings.DEFAULT_HOST);
        EngineSettings edgeSettings = EngineSettings.named("edge", URI.create("tcp://10.0.0.5:2376"));
        when(engines.find(anyString())).thenReturn(Optional.empty());
        when(engines.find(EngineSettings.LOCAL)).thenReturn(Optional.of(localSettings));
        when(engines.find("edge")).thenReturn(Optional.of(edgeSettings));
        when(engines.list()).thenReturn(List.of(localSettings, edgeSettings));
        when(engines.get("edge")).thenReturn(edge);
        when(engines.local()).thenReturn(local);
        when(engines.requireConfigured(anyString(), anyString())).thenCallRealMethod();
        TestContext context = new TestContext(Clock.systemUTC()).with(Engines.class, engines)
                .with(ContainerEngine.class, local);
        for (HealthCheckProvider provider : List.of(command, memory, logPattern)) {
            provider.start(context);
        }
    }

    @AfterEach
    void stop() {
        command.stop();
    }

    @Test
    void eachContainerCheckAsksTheEngineItNames() throws Exception {
        when(edge.exec(anyString(), anyList(), any(Duration.class), anyInt()))
                .thenReturn(new ExecResult(0, "fine\n", false));
        when(edge.stats("web")).thenReturn(new StatsSample(Instant.now(), 1.0, 10L << 20, 1L << 30, 1.0, 0, 0, 0, 0, 1));
        when(edge.recentLogs("web", 200)).thenReturn(List.of(
                new LogLine(1, Instant.now(), LogStream.STDOUT, "ERROR db gone")));

        assertThat(command.create(CheckSpec.of("command", "container", "web", "command", "true", "engine", "edge"))
                .check().status()).isEqualTo(HealthStatus.UP);
        HealthResult used = memory.create(CheckSpec.of("memory", "container", "web", "limit", "1g",
                "engine", "edge")).check();
        assertThat(used.status()).isEqualTo(HealthStatus.UP);
        assertThat(used.message()).isEqualTo("10.0 MiB of 1024.0 MiB used by container web on engine 'edge'");
        HealthResult errors = logPattern.create(CheckSpec.of("log-pattern", "container", "web", "error", "ERROR",
                "engine", "edge")).check();
        assertThat(errors.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(errors.message()).contains("of container web on engine 'edge'");
        verifyNoInteractions(local);
    }

    @Test
    void withoutTheOptionTheLocalEngineIsAsked() throws Exception {
        when(local.exec(anyString(), anyList(), any(Duration.class), anyInt()))
                .thenReturn(new ExecResult(0, "", false));
        assertThat(command.create(CheckSpec.of("command", "container", "web", "command", "true")).check().status())
                .isEqualTo(HealthStatus.UP);
        assertThat(command.create(CheckSpec.of("command", "container", "web", "command", "true", "engine", "local"))
                .check().status()).isEqualTo(HealthStatus.UP);
        assertThat(command.create(CheckSpec.of("command", "command", "true", "engine", " ")).check().status())
                .as("a blank engine is left out, as a form's empty field").isEqualTo(HealthStatus.UP);
        verifyNoInteractions(edge);
    }

    @Test
    void anEndpointThatDoesNotAnswerIsDownNamingIt() throws Exception {
        UnavailableException silent = new UnavailableException(
                "the Docker engine 'edge' (tcp://10.0.0.5:2376) is unavailable (inspect): connection refused");
        when(edge.exec(anyString(), anyList(), any(Duration.class), anyInt())).thenThrow(silent);
        when(edge.stats("web")).thenThrow(silent);
        when(edge.recentLogs(anyString(), anyInt())).thenThrow(silent);

        for (CheckSpec spec : List.of(
                CheckSpec.of("command", "container", "web", "command", "true", "engine", "edge"),
                CheckSpec.of("memory", "container", "web", "limit", "1g", "engine", "edge"),
                CheckSpec.of("log-pattern", "container", "web", "error", "ERROR", "engine", "edge"))) {
            HealthResult result = provider(spec).create(spec).check();
            assertThat(result.status()).as(spec.type()).isEqualTo(HealthStatus.DOWN);
            assertThat(result.message()).as(spec.type()).isEqualTo(silent.getMessage());
        }
    }

    @Test
    void aContainerMissingOnTheEndpointIsDownNamingBoth() throws Exception {
        when(edge.stats("web")).thenThrow(new NotFoundException("container", "web"));
        HealthResult result = memory.create(CheckSpec.of("memory", "container", "web", "limit", "1g",
                "engine", "edge")).check();
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("no such container web on engine 'edge'");
    }

    @Test
    void anUnknownEndpointIsRefusedWhenTheCheckIsMadeListingTheKnownOnes() {
        assertThatThrownBy(() -> command.create(CheckSpec.of("command", "container", "web", "command", "true",
                "engine", "nowhere"))).isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid command.engine 'nowhere': is not a configured engine; configured: [local, edge]");
        assertThatThrownBy(() -> memory.create(CheckSpec.of("memory", "container", "web", "limit", "1g",
                "engine", "nowhere"))).hasMessageStartingWith("invalid memory.engine 'nowhere': ");
        assertThatThrownBy(() -> logPattern.create(CheckSpec.of("log-pattern", "container", "web", "error", "E",
                "engine", "nowhere"))).hasMessageStartingWith("invalid log-pattern.engine 'nowhere': ");
        assertThatThrownBy(() -> memory.create(CheckSpec.of("memory", "container", "web", "limit", "1g",
                "engine", "Not A Name"))).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("invalid memory.engine 'Not A Name': must be an engine endpoint's name: 1 to 63");
    }

    @Test
    void theOptionIsRefusedOutsideContainerMode() {
        assertThatThrownBy(() -> command.create(CheckSpec.of("command", "command", "true", "engine", "edge")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid command.engine 'edge': applies only to a check of a container; give container"
                        + " as well, or leave engine out");
        assertThatThrownBy(() -> memory.create(CheckSpec.of("memory", "pid", 1, "limit", "1g", "engine", "edge")))
                .hasMessageStartingWith("invalid memory.engine 'edge': applies only to a check of a container");
        assertThatThrownBy(() -> memory.create(CheckSpec.of("memory", "process", "miner", "limit", "1g",
                "engine", "local"))).hasMessageStartingWith("invalid memory.engine 'local': ");
        assertThatThrownBy(() -> logPattern.create(CheckSpec.of("log-pattern", "process", "miner", "error", "E",
                "engine", "edge"))).hasMessageStartingWith("invalid log-pattern.engine 'edge': applies only");
    }

    @Test
    void theTypedSpecsNameTheEngine() {
        assertThat(CommandCheckSpec.shell("true").inContainer("web").onEngine("edge").toSpec())
                .isEqualTo(CheckSpec.of("command", "command", "true", "container", "web", "engine", "edge"));
        assertThat(MemoryCheckSpec.ofContainer("web").limit("1g").onEngine("edge").toSpec())
                .isEqualTo(CheckSpec.of("memory", "container", "web", "limit", "1g", "engine", "edge"));
        assertThat(LogPatternCheckSpec.ofContainer("web").error("ERROR").onEngine("edge").toSpec())
                .isEqualTo(CheckSpec.of("log-pattern", "container", "web", "error", "ERROR", "engine", "edge"));
        assertThat(memory.create(MemoryCheckSpec.ofContainer("web").limit("1g").onEngine("edge").toSpec()))
                .isNotNull();
    }

    @Test
    void theRealPlatformRefusesAnUnknownEndpoint() {
        try (Orbitr orbitr = Orbitr.builder().inMemoryStore().build()) {
            assertThatThrownBy(() -> orbitr.healthCheck(CheckSpec.of("memory", "container", "db", "limit", "1g",
                    "engine", "edge"))).isInstanceOf(InvalidValueException.class)
                    .hasMessage("invalid memory.engine 'edge': is not a configured engine; configured: [local]");
        }
    }

    private HealthCheckProvider provider(CheckSpec spec) {
        return switch (spec.type()) {
            case "command" -> command;
            case "memory" -> memory;
            default -> logPattern;
        };
    }
}
