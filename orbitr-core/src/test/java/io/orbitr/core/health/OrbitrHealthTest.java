package io.orbitr.core.health;

import io.orbitr.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.orbitr.core.Orbitr;
import io.orbitr.core.assembly.ProviderInfo;
import io.orbitr.core.notify.WebhookSettings;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthMonitor;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The platform assembles the monitor with the discovered checks and sinks, end to end against real servers. */
@OnEveryStore
class OrbitrHealthTest {
    @Parameter
    TestStore testStore;
    @TempDir
    Path dataDir;
    private final AtomicInteger status = new AtomicInteger(200);
    private final List<String> hooks = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String base;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.createContext("/hook", exchange -> {
            hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theBuiltInChecksAndTheWebhookSinkAreDiscovered() {
        try (Orbitr orbitr = Orbitr.builder().store(testStore.settings()).dataDirectory(dataDir).build()) {
            List<String> found = orbitr.providers().infos().stream().map(i -> i.kind() + ":" + i.id()).toList();
            assertThat(found).contains("health check provider:http", "health check provider:tcp",
                    "health check provider:command", "health check provider:process",
                    "health check provider:log-pattern", "health check provider:memory", "notification sink:webhook");
            assertThat(orbitr.notifications().sinks()).contains("webhook");
            assertThat(orbitr.providers().infos()).extracting(ProviderInfo::className)
                    .contains("io.orbitr.core.notify.WebhookSink");
        }
    }

    @Test
    void transitionsReachTheWebhookConfiguredInSettings() {
        try (Orbitr orbitr = Orbitr.builder().store(testStore.settings()).dataDirectory(dataDir).build()) {
            WebhookSettings.of(URI.create(base + "/hook")).save(orbitr.store(), orbitr.secrets(), orbitr.clock().millis());
            HealthMonitor health = orbitr.health();
            health.add(HealthTarget.builder("site", CheckSpec.of("http", "url", base + "/health"))
                    .interval(Duration.ofSeconds(1)).build());
            // A first UP is not notified (Uptime Kuma notifies a first result only when it is DOWN).
            assertThat(health.await("site", HealthStatus.UP, Duration.ofSeconds(20)).status())
                    .isEqualTo(HealthStatus.UP);

            status.set(503);
            Await.until("the DOWN notification", Duration.ofSeconds(20), () -> hooks.size() == 1);
            status.set(200);
            Await.until("the UP notification", Duration.ofSeconds(20), () -> hooks.size() == 2);

            assertThat(hooks.get(0)).contains("\"from\":\"UP\",\"to\":\"DOWN\"").contains("HTTP 503");
            assertThat(hooks.get(1)).contains("\"from\":\"DOWN\",\"to\":\"UP\"");
            assertThat(health.uptime("site", Duration.ofHours(1))).isPresent();
        }
    }

    @Test
    void monitoringResumesAfterThePlatformRestarts(@TempDir Path data) {
        try (Orbitr orbitr = Orbitr.builder().dataDirectory(data).store(testStore.durableSettings()).build()) {
            orbitr.health().add(HealthTarget.builder("site", CheckSpec.of("http", "url", base + "/health"))
                    .interval(Duration.ofSeconds(1)).build());
            orbitr.health().pause("site");
        }
        try (Orbitr orbitr = Orbitr.builder().dataDirectory(data).store(testStore.durableSettings()).build()) {
            HealthMonitor health = orbitr.health();
            assertThat(health.target("site")).isPresent();
            assertThat(health.status("site").status()).isEqualTo(HealthStatus.PAUSED);
            health.resume("site");
            Await.until("a check after the restart", Duration.ofSeconds(20),
                    () -> health.status("site").status() == HealthStatus.UP);
        }
    }
}
