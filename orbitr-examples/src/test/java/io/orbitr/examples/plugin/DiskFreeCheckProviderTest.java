package io.orbitr.examples.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.core.Orbitr;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The platform discovers the example plug-in through ServiceLoader and runs it, with no change to Orbitr. */
class DiskFreeCheckProviderTest {

    @Test
    void thePlatformDiscoversAndMonitorsTheCustomCheck() throws Exception {
        try (Orbitr orbitr = Orbitr.builder().inMemoryStore().build()) {
            assertThat(orbitr.providers().infos()).anyMatch(info -> info.id().equals("disk-free")
                    && info.className().equals(DiskFreeCheckProvider.class.getName()) && !info.explicit());

            HealthResult direct = orbitr.healthCheck(CheckSpec.of("disk-free", "path", "/", "min-free", 1)).check();
            assertThat(direct.status()).isEqualTo(HealthStatus.UP);
            assertThat(direct.details()).containsKeys("freeBytes", "totalBytes", "freePercent");

            orbitr.health().add(HealthTarget.builder("root-disk", CheckSpec.of("disk-free", "min-free-percent", 0,
                    "min-free", "1k")).interval(Duration.ofSeconds(1)).build());
            orbitr.health().add(HealthTarget.builder("impossible", CheckSpec.of("disk-free", "min-free", "1000000TiB"))
                    .interval(Duration.ofSeconds(1)).build());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while ((orbitr.health().status("root-disk").status() == HealthStatus.UNKNOWN
                    || orbitr.health().status("impossible").status() == HealthStatus.UNKNOWN)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(orbitr.health().status("root-disk").status()).isEqualTo(HealthStatus.UP);
            assertThat(orbitr.health().status("impossible").status()).isEqualTo(HealthStatus.DOWN);
        }
    }

    @Test
    void badOptionsAreRefusedBeforeTheTargetIsStored() {
        try (Orbitr orbitr = Orbitr.builder().inMemoryStore().build()) {
            assertThatThrownBy(() -> orbitr.health().add(HealthTarget.builder("x",
                    CheckSpec.of("disk-free", "path", "/no/such/place", "min-free", "1g")).build()))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("disk-free.path");
            assertThatThrownBy(() -> orbitr.healthCheck(CheckSpec.of("disk-free")))
                    .hasMessageContaining("disk-free.min-free");
            assertThat(orbitr.health().target("x")).isEmpty();
        }
    }
}
