package io.orbitr.jdclient.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthScoreTest {

    @Test
    void weighsTheChecks() {
        assertThat(HealthScore.of(results(HealthStatus.UP, HealthStatus.UP, HealthStatus.UP, HealthStatus.UP)))
                .isEqualTo(100);
        // log-pattern PENDING: 30 of 100 halved.
        assertThat(HealthScore.of(results(HealthStatus.UP, HealthStatus.PENDING, HealthStatus.UP, HealthStatus.UP)))
                .isEqualTo(85);
        assertThat(HealthScore.of(results(HealthStatus.UP, HealthStatus.DOWN, HealthStatus.UP, HealthStatus.DOWN)))
                .isEqualTo(55);
    }

    @Test
    void aDeadProcessScoresZero() {
        assertThat(HealthScore.of(results(HealthStatus.DOWN, HealthStatus.UP, HealthStatus.UP, HealthStatus.UP)))
                .isZero();
    }

    @Test
    void leavesOutChecksThatDidNotRunOrArePaused() {
        Map<String, HealthResult> noMonitoring = new LinkedHashMap<>();
        noMonitoring.put(ProcessAliveCheck.NAME, HealthResult.up(""));
        noMonitoring.put(LogPatternCheck.NAME, HealthResult.up(""));
        noMonitoring.put(MemoryLimitCheck.NAME, HealthResult.down(""));
        // 70 of 85.
        assertThat(HealthScore.of(noMonitoring)).isEqualTo(82);
        noMonitoring.put(MemoryLimitCheck.NAME, HealthResult.of(HealthStatus.PAUSED, ""));
        assertThat(HealthScore.of(noMonitoring)).isEqualTo(100);
        assertThat(HealthScore.of(Map.of())).isZero();
    }

    @Test
    void theRunnerTurnsAnExceptionIntoDownAndStampsResults() {
        Clock clock = Clock.fixed(Instant.parse("2026-05-11T16:00:00Z"), ZoneOffset.UTC);
        Map<String, io.orbitr.health.HealthCheck> checks = new LinkedHashMap<>();
        checks.put(ProcessAliveCheck.NAME, () -> HealthResult.up("running"));
        checks.put(MonitoringEndpointCheck.NAME, () -> {
            throw new IllegalStateException("connection refused");
        });
        HealthReport report = CheckRunner.run("id-1", checks, clock);
        assertThat(report.checks().get(MonitoringEndpointCheck.NAME).status()).isEqualTo(HealthStatus.DOWN);
        assertThat(report.checks().get(MonitoringEndpointCheck.NAME).message()).isEqualTo("connection refused");
        assertThat(report.checks().get(ProcessAliveCheck.NAME).timestamp()).isEqualTo(clock.instant());
        assertThat(report.score()).isEqualTo(73);
        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
    }

    private static Map<String, HealthResult> results(HealthStatus process, HealthStatus log, HealthStatus monitoring,
            HealthStatus memory) {
        Map<String, HealthResult> out = new LinkedHashMap<>();
        out.put(ProcessAliveCheck.NAME, HealthResult.of(process, ""));
        out.put(LogPatternCheck.NAME, HealthResult.of(log, ""));
        out.put(MonitoringEndpointCheck.NAME, HealthResult.of(monitoring, ""));
        out.put(MemoryLimitCheck.NAME, HealthResult.of(memory, ""));
        return out;
    }
}
