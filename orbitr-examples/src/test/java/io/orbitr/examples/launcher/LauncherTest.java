package io.orbitr.examples.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    @TempDir
    Path dataDir;

    @Test
    void anUnreachableEngineIsOneClearLineAndStillExitsZero() {
        LauncherRun run = LauncherRun.of("status", "--data-dir", dataDir.toString(),
                "--docker-host", "tcp://127.0.0.1:1");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("(?m)^engine unavailable: .*tcp://127\\.0\\.0\\.1:1.*$");
    }

    @Test
    void anUnreachableEngineInJsonIsMarkedUnavailableWithItsReason() throws Exception {
        LauncherRun run = LauncherRun.of("status", "--json", "--data-dir", dataDir.toString(),
                "--docker-host", "unix:///nonexistent/docker.sock");
        assertThat(run.exitCode()).isZero();
        JsonNode engine = new ObjectMapper().readTree(run.out()).path("engine");
        assertThat(engine.path("available").asBoolean()).isFalse();
        assertThat(engine.path("reason").asText()).contains("/nonexistent/docker.sock");
    }

    @Test
    void anEngineGivenWithEngineIsListedAndAnUnreachableOneIsNamedInItsReason() throws Exception {
        LauncherRun run = LauncherRun.of("status", "--json", "--data-dir", dataDir.toString(),
                "--docker-host", "unix:///nonexistent/docker.sock", "--engine", "edge=tcp://127.0.0.1:1");
        assertThat(run.exitCode()).isZero();
        JsonNode edge = new ObjectMapper().readTree(run.out()).path("engines").path("edge");
        assertThat(edge.path("available").asBoolean()).isFalse();
        assertThat(edge.path("endpoint").asText()).isEqualTo("tcp://127.0.0.1:1");
        assertThat(edge.path("reason").asText()).contains("engine 'edge'");
    }

    @Test
    void aBadEngineOptionNamesThePartThatIsWrongAndExitsTwo() {
        LauncherRun run = LauncherRun.of("status", "--data-dir", dataDir.toString(), "--engine",
                "edge=tcp://h:2376?ca=/a");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--engine").contains("ca=, cert= and key=");
    }

    @Test
    void anUnknownCommandPrintsUsageAndExitsTwo() {
        LauncherRun run = LauncherRun.of("fly");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: orbitr").contains("'fly'");
    }

    @Test
    void aBadOptionPrintsUsageAndExitsTwo() {
        LauncherRun run = LauncherRun.of("status", "--colour");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--colour'").contains("Usage: orbitr status");
    }

    @Test
    void aBadDockerHostIsAUsageErrorNamingTheField() {
        LauncherRun run = LauncherRun.of("status", "--data-dir", dataDir.toString(), "--docker-host", "http://x");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("invalid docker host 'http://x'");
    }

    @Test
    void noCommandIsAUsageError() {
        LauncherRun run = LauncherRun.of();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Commands:").contains("status").contains("bench");
    }

    @Test
    void benchListsTheBenchmarks() {
        LauncherRun run = LauncherRun.of("bench");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("logs").contains("engine").contains("health").contains("proxy")
                .contains("metrics").contains("status");
    }

    @Test
    void anUnknownHealthTransportIsRefusedNamingTheChoices() {
        LauncherRun run = LauncherRun.of("bench", "health", "--transport", "curl");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("invalid --transport 'curl'").contains("orbitr").contains("jdk")
                .contains("both");
    }
}
