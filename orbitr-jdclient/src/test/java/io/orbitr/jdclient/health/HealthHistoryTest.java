package io.orbitr.jdclient.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.Orbitr;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@OnEveryStore
class HealthHistoryTest {
    private static final Instant T0 = Instant.parse("2026-05-11T16:00:00Z");
    private final TestStore testStore;
    private final Orbitr orbitr;
    private final HealthHistory history;

    HealthHistoryTest(TestStore testStore) {
        this.testStore = testStore;
        orbitr = Orbitr.builder().noDiscovery().store(testStore.settings()).dataDirectory(testStore.dataDirectory())
                .build();
        history = new HealthHistory(Optional.of(orbitr.health()));
    }

    @AfterEach
    void close() {
        orbitr.close();
    }

    @Test
    void storesAndReadsBackResultsWithTheirDetails() {
        for (int i = 0; i < 3; i++) {
            Map<String, HealthResult> checks = new LinkedHashMap<>();
            checks.put(ProcessAliveCheck.NAME, HealthResult.up("running").withDetail("pid", 42 + i)
                    .timed(T0.plusSeconds(10L * i), Duration.ofMillis(3)));
            checks.put(MemoryLimitCheck.NAME, HealthResult.down("too big").withDetail("rssBytes", 5_000_000_000L)
                    .timed(T0.plusSeconds(10L * i), Duration.ofMillis(1)));
            history.record(new HealthReport("a", T0.plusSeconds(10L * i), checks, 60));
        }
        history.record(new HealthReport("b", T0, Map.of(ProcessAliveCheck.NAME, HealthResult.up("")
                .timed(T0, Duration.ZERO)), 100));
        assertThat(history.history("a", T0, T0.plusSeconds(60), 100)).hasSize(6);
        assertThat(history.history("a", T0, T0.plusSeconds(60), 2)).extracting(r -> r.result().timestamp())
                .containsOnly(T0.plusSeconds(20));
        HealthRecord first = history.history("a", T0, T0.plusSeconds(1), 10).get(0);
        assertThat(first.check()).isEqualTo(ProcessAliveCheck.NAME);
        assertThat(first.result().details()).containsEntry("pid", 42);
        assertThat(first.result().duration()).isEqualTo(Duration.ofMillis(3));

        // Recorded through the monitor: push targets, one per check, in the instance's group.
        assertThat(orbitr.health().status("jdclient.a." + MemoryLimitCheck.NAME).status())
                .isEqualTo(HealthStatus.DOWN);
        assertThat(orbitr.health().statuses(Optional.of("jdclient:a"), 10, Optional.empty()).items()).hasSize(2);

        history.deleteInstance("a");
        assertThat(history.history("a", T0, T0.plusSeconds(60), 100)).isEmpty();
        assertThat(orbitr.health().target("jdclient.a." + ProcessAliveCheck.NAME)).isEmpty();
        assertThat(history.history("b", T0.minusSeconds(1), T0.plusSeconds(60), 100)).hasSize(1);
    }
}
