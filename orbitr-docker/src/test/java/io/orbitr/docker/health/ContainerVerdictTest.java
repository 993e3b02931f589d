package io.orbitr.docker.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.engine.ContainerDetails;
import io.orbitr.engine.ContainerHealth;
import io.orbitr.engine.ContainerLimits;
import io.orbitr.engine.ContainerRestartPolicy;
import io.orbitr.engine.ContainerState;
import io.orbitr.engine.ContainerStatus;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Uptime Kuma's mapping of a container's state, on hand-built states. */
class ContainerVerdictTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static ContainerDetails container(ContainerStatus status, Optional<ContainerHealth> health) {
        boolean finished = status == ContainerStatus.EXITED || status == ContainerStatus.DEAD;
        ContainerState state = new ContainerState(status, status == ContainerStatus.RUNNING
                || status == ContainerStatus.PAUSED, status == ContainerStatus.PAUSED,
                status == ContainerStatus.RESTARTING, false, finished || status == ContainerStatus.RESTARTING ? 2 : 0,
                "", Optional.of(T), finished ? Optional.of(T.plusSeconds(5)) : Optional.empty(), 1, health);
        return new ContainerDetails("abc123", "web-1", "nginx:1.27", "sha256:1", T, List.of("nginx"), state, Map.of(),
                List.of(), List.of(), List.of(), ContainerRestartPolicy.no(), ContainerLimits.none(), false);
    }

    private static Optional<ContainerHealth> health(ContainerHealth.Status status, int streak, String output) {
        return Optional.of(new ContainerHealth(status, streak,
                List.of(new ContainerHealth.Probe(T, T.plusMillis(5), streak > 0 ? 1 : 0, output))));
    }

    @ParameterizedTest
    @CsvSource({
        "CREATED, DOWN", "EXITED, DOWN", "DEAD, DOWN", "REMOVING, DOWN", "PAUSED, DOWN", "RESTARTING, PENDING",
        "RUNNING, UP"})
    void mapsEachStateWithoutAHealthCheck(ContainerStatus status, HealthStatus expected) {
        assertThat(ContainerVerdict.of("web-1", container(status, Optional.empty())).status()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"HEALTHY, UP", "UNHEALTHY, DOWN", "STARTING, PENDING"})
    void mapsEachHealthOfARunningContainer(ContainerHealth.Status health, HealthStatus expected) {
        HealthResult result = ContainerVerdict.of("web-1", container(ContainerStatus.RUNNING,
                health(health, health == ContainerHealth.Status.UNHEALTHY ? 3 : 0, "probe said hi\n")));

        assertThat(result.status()).isEqualTo(expected);
        assertThat(result.details()).containsEntry("lastProbeOutput", "probe said hi");
    }

    @Test
    void aPausedContainerIsDownEvenWhenItsLastProbePassed() {
        HealthResult result = ContainerVerdict.of("web-1", container(ContainerStatus.PAUSED,
                health(ContainerHealth.Status.HEALTHY, 0, "")));

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("container web-1 is paused");
    }

    @Test
    void unhealthyCarriesTheStreakAndTheLastOutput() {
        HealthResult result = ContainerVerdict.of("web-1", container(ContainerStatus.RUNNING,
                health(ContainerHealth.Status.UNHEALTHY, 3, "connection refused\nat line 2")));

        assertThat(result.message()).isEqualTo("container web-1 is unhealthy after 3 failed probes: "
                + "connection refused ...");
        assertThat(result.details())
                .containsEntry("failingStreak", 3)
                .containsEntry("lastProbeExitCode", 1)
                .containsEntry("lastProbeOutput", "connection refused\nat line 2")
                .containsEntry("health", "unhealthy")
                .containsEntry("containerId", "abc123");
    }

    @Test
    void runningWithoutAHealthCheckGivesTheHint() {
        HealthResult result = ContainerVerdict.of("web-1", container(ContainerStatus.RUNNING, Optional.empty()));

        assertThat(result.message()).isEqualTo("container web-1 is running; " + ContainerVerdict.HINT);
        assertThat(result.details()).containsEntry("hint", ContainerVerdict.HINT);
    }

    @Test
    void exitedSaysItsExitCode() {
        HealthResult result = ContainerVerdict.of("web-1", container(ContainerStatus.EXITED, Optional.empty()));

        assertThat(result.message()).isEqualTo("container web-1 is exited (exit code 2)");
        assertThat(result.details()).containsEntry("exitCode", 2);
    }

    @Test
    void longProbeOutputIsCut() {
        String output = "x".repeat(5000);
        HealthResult result = ContainerVerdict.of("web-1", container(ContainerStatus.RUNNING,
                health(ContainerHealth.Status.UNHEALTHY, 1, output)));

        assertThat((String) result.details().get("lastProbeOutput"))
                .hasSize(ContainerVerdict.MAX_OUTPUT_CHARS + 3).endsWith("...");
    }
}
