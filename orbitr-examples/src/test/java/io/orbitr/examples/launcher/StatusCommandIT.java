package io.orbitr.examples.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orbitr.testing.RealDocker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RealDocker
class StatusCommandIT {

    @TempDir
    Path dataDir;

    @Test
    void statusDescribesTheRealEngineTheProvidersAndTheStore() {
        LauncherRun run = LauncherRun.of("status", "--data-dir", dataDir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("orbitr ")
                .contains("container engine provider: docker")
                .contains("data directory: " + dataDir.toAbsolutePath())
                .contains("store: jdbc:h2:file:")
                .containsPattern("engine: Docker \\S+ \\(API 1\\.\\d+\\) at ")
                .containsPattern("cpus: \\d+, memory: [\\d.]+ GiB")
                .containsPattern("containers: \\d+ \\(\\d+ running\\), images: \\d+");
    }

    @Test
    void statusJsonCarriesTheSameFacts() throws Exception {
        LauncherRun run = LauncherRun.of("status", "--json", "--data-dir", dataDir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("version").asText()).isNotBlank();
        assertThat(json.path("providers").path("container engine provider").get(0).asText()).isEqualTo("docker");
        assertThat(json.path("dataDirectory").asText()).isEqualTo(dataDir.toAbsolutePath().toString());
        JsonNode engine = json.path("engine");
        assertThat(engine.path("available").asBoolean()).isTrue();
        assertThat(engine.path("apiVersion").asText()).matches("1\\.\\d+");
        assertThat(engine.path("cpus").asInt()).isPositive();
        assertThat(engine.path("memoryBytes").asLong()).isPositive();
        assertThat(engine.has("containers")).isTrue();
        assertThat(engine.has("images")).isTrue();
        assertThat(engine.path("kernel").asText()).isNotBlank();
    }
}
