package io.orbitr.jdclient.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.H2Stores;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.jdclient.JdClientSchema;
import io.orbitr.jdclient.fake.TestSupervisor;
import io.orbitr.jdclient.log.LogLevel;
import io.orbitr.process.RestartPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class InstanceSettingsTest {

    @Test
    void theBuilderFreezesItsOptionsIntoTheManagersSettings(@TempDir Path data) {
        Map<String, String> environment = new HashMap<>(Map.of("JDC__MAX_PAST_JOBS", "32"));
        try (JdbcStore store = H2Stores.inMemory(); TestSupervisor supervisor = new TestSupervisor()) {
            new SchemaMigrator(store, Clock.systemUTC()).migrate(Map.of(CoreSchema.COMPONENT, CoreSchema.migrations(),
                    JdClientSchema.COMPONENT, JdClientSchema.migrations()));
            InstanceManager.Builder builder = InstanceManager.builder(store, supervisor, data)
                    .logLevel(LogLevel.DEBUG).environment(environment).gracePeriod(Duration.ofSeconds(3))
                    .logBufferLines(500);
            try (InstanceManager jdc = builder.build()) {
                // Later changes to the builder or the caller's map do not reach a built manager.
                environment.put("JDC__OTHER", "x");
                builder.logBufferLines(7).environment(Map.of("LATE", "1"));
                InstanceSettings settings = jdc.settings();
                assertThat(settings.logLevel()).isEqualTo(LogLevel.DEBUG);
                assertThat(settings.environment()).containsExactly(Map.entry("JDC__MAX_PAST_JOBS", "32"));
                assertThat(settings.gracePeriod()).isEqualTo(Duration.ofSeconds(3));
                assertThat(settings.logBufferLines()).isEqualTo(500);
                assertThat(settings.collectionInterval()).isEqualTo(InstanceSettings.defaults().collectionInterval());
            }
        }
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        InstanceSettings defaults = InstanceSettings.defaults();
        assertThat(defaults.logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(defaults.collectionInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.memoryLimitBytes()).isEqualTo(1L << 30);
        assertThat(defaults.gracePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.restartPolicy()).isEqualTo(RestartPolicy.onFailure());
        assertThat(defaults.logBufferLines()).isEqualTo(10_000);
    }

    @Test
    void aBadValueIsRefusedNamingTheField() {
        InstanceSettings d = InstanceSettings.defaults();
        assertThatThrownBy(() -> new InstanceSettings(d.logLevel(), d.environment(), Duration.ZERO,
                d.cleanupInterval(), d.retention(), d.memoryLimitBytes(), d.monitoringTimeout(), d.gracePeriod(),
                d.startPeriod(), d.restartPolicy(), d.logBufferLines()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("collectionInterval");
        assertThatThrownBy(() -> new InstanceSettings(d.logLevel(), d.environment(), d.collectionInterval(),
                d.cleanupInterval(), d.retention(), d.memoryLimitBytes(), d.monitoringTimeout(),
                Duration.ofSeconds(-1), d.startPeriod(), d.restartPolicy(), d.logBufferLines()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("gracePeriod");
        try (JdbcStore store = H2Stores.inMemory(); TestSupervisor supervisor = new TestSupervisor()) {
            assertThatThrownBy(() -> InstanceManager.builder(store, supervisor, Path.of("x")).logBufferLines(0))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("logBufferLines");
        }
    }
}
