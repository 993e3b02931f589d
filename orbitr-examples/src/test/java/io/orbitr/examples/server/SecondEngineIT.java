package io.orbitr.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.orbitr.InvalidValueException;
import io.orbitr.UnavailableException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.ContainerStatus;
import io.orbitr.engine.EngineSettings;
import io.orbitr.examples.extension.LocalCaddy;
import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.ExtensionStatus;
import io.orbitr.extension.InstallOptions;
import io.orbitr.extension.InvalidManifestException;
import io.orbitr.extension.ServiceStatus;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import io.orbitr.testing.Await;
import io.orbitr.testing.NamespacedEngine;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.TestFiles;
import io.orbitr.testing.TestImages;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * One server, two real engines: the host's, and a second dockerd in a network namespace of its own over TCP with
 * TLS. An extension installed on the second engine runs there (not on the host's), is served by a real Caddy on the
 * host through the port it publishes there, and is removed there; a WebSocket client follows a container's logs and
 * stats on the second engine beside the same container name on the host's.
 */
@RealDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class SecondEngineIT {
    private static final String SECOND = "second";
    private static final String DOMAIN = "orbitr-edge-ext.test";
    private static final int PUBLISHED = 18080;

    private final String id = "orbitr-edge-ext-" + UUID.randomUUID().toString().substring(0, 6);
    private NamespacedEngine second;
    private LocalCaddy caddy;
    private Path directory;
    private Orbitr orbitr;
    private OrbitrServer server;
    private ApiClient api;
    private String admin;
    private int httpPort;
    private final List<String> localContainers = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        TestImages.busybox();
        second = NamespacedEngine.startedWith(TestImages.BUSYBOX);
        directory = Files.createTempDirectory("orbitr-second-engine-");
        caddy = LocalCaddy.start(directory);
        httpPort = LocalCaddy.freePort();
        startPlatform();
        orbitr.proxies().updateSettings(caddy.proxySettings(DOMAIN, httpPort, directory.resolve("proxy")));
        admin = server.accounts().createToken(id + "-admin", Role.ADMIN, Optional.empty()).token().orElseThrow();
    }

    /** The platform and its server on the data directory; the second endpoint given for the run, not stored. */
    private void startPlatform() {
        orbitr = Orbitr.builder().dataDirectory(directory.resolve("data"))
                .engine(EngineSettings.named(SECOND, second.uri()).withTls(second.tls())
                        .withRequestTimeout(Duration.ofSeconds(15)))
                .build();
        server = OrbitrServer.builder(orbitr).bind("127.0.0.1", 0).start();
        api = new ApiClient(server.uri());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (orbitr != null) {
                if (orbitr.extensions().find(id).isPresent()) {
                    orbitr.extensions().uninstall(id, true);
                }
                for (String name : localContainers) {
                    try {
                        orbitr.engine().containers().remove(name, true, false);
                    } catch (RuntimeException e) {
                        // Already gone.
                    }
                }
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (orbitr != null) {
                orbitr.close();
            }
            if (caddy != null) {
                caddy.close();
            }
            if (second != null) {
                second.close();
            }
            if (directory != null) {
                TestFiles.deleteTree(directory);
            }
        }
    }

    private ExtensionManifest manifest() {
        return manifest("ports: [\"" + PUBLISHED + ":8080\"]");
    }

    private ExtensionManifest manifest(String ports) {
        return orbitr.extensions().parse("""
                manifestVersion: 1
                id: %s
                name: Busybox on the second engine
                version: "1.0"
                revision: 1
                services:
                  web:
                    image: %s
                    # A shell that ends on SIGTERM: stop and uninstall need not wait for the engine's kill.
                    command: ["sh", "-c", "trap 'exit 0' TERM; mkdir -p /tmp/www; echo served-by-$(hostname) > /tmp/www/index.html; httpd -p 8080 -h /tmp/www; while true; do sleep 0.2; done"]
                    %s
                route:
                  subdomain: %s
                  port: 8080
                health:
                  startPeriod: 20s
                  interval: 1s
                """.formatted(id, TestImages.BUSYBOX, ports, id), "second.yml");
    }

    @Test
    void anInstallOnAnUnknownADeadOrAnUnreachableEndpointIsRefusedAndLeavesNothing() throws Exception {
        assertThatThrownBy(() -> orbitr.extensions().install(manifest(), Map.of(), InstallOptions.onEngine("nowhere")))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("engine"))
                .hasMessageContaining(SECOND);

        // Another machine's engine: the route's port must be published there for the proxy here to reach it.
        assertThatThrownBy(() -> orbitr.extensions().install(manifest(""), Map.of(), InstallOptions.onEngine(SECOND)))
                .isInstanceOf(InvalidManifestException.class)
                .satisfies(e -> assertThat(((InvalidManifestException) e).problems())
                        .anySatisfy(p -> assertThat(p.path()).isEqualTo("services.web.ports")));

        int closed = LocalCaddy.freePort();
        orbitr.engines().save(EngineSettings.named("dead", URI.create("tcp://127.0.0.1:" + closed))
                .withConnectTimeout(Duration.ofMillis(500)).withRequestTimeout(Duration.ofSeconds(2)));
        try {
            assertThatThrownBy(() -> orbitr.extensions().install(manifest(), Map.of(), InstallOptions.onEngine("dead")))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("'dead'");
        } finally {
            orbitr.engines().remove("dead");
        }
        assertThat(orbitr.extensions().find(id)).isEmpty();
    }

    @Test
    void anExtensionOnTheSecondEngineRunsThereIsServedThroughItsPublishedPortAndIsRemovedThere() throws Exception {
        String container = "orbitr-ext-" + id + "-web";
        orbitr.extensions().install(manifest(), Map.of(), InstallOptions.onEngine(SECOND));

        assertThat(second.docker("ps", "--filter", "name=" + container, "--format", "{{.Names}}").strip())
                .isEqualTo(container);
        assertThat(orbitr.engine().containers().find(container)).as("nothing on the host's engine").isEmpty();
        String hostname = second.docker("inspect", "-f", "{{.Config.Hostname}}", container).strip();

        // The proxy on this host reaches it at the second engine's address, on the port published there.
        String upstream = second.address() + ":" + PUBLISHED;
        Await.until("the page through Caddy", Duration.ofSeconds(20),
                () -> LocalCaddy.get(httpPort, id + "." + DOMAIN, "/").body().contains("served-by-" + hostname));
        Await.until("both checks UP", Duration.ofSeconds(30),
                () -> orbitr.extensions().status(id).health() == HealthStatus.UP,
                () -> orbitr.extensions().status(id).checks());
        ExtensionStatus status = orbitr.extensions().status(id);
        assertThat(status.extension().engine()).isEqualTo(SECOND);
        assertThat(status.services()).extracting(ServiceStatus::status)
                .containsExactly(Optional.of(ContainerStatus.RUNNING));
        assertThat(status.differences()).isEmpty();
        HealthTarget docker = orbitr.health().target("ext." + id + ".container").orElseThrow();
        assertThat(docker.check().options()).containsEntry("engine", SECOND);
        HealthTarget http = orbitr.health().target("ext." + id + ".http").orElseThrow();
        assertThat(http.check().options()).containsEntry("url", "http://" + upstream + "/");

        JsonNode view = api.get("/api/v1/extensions/" + id, admin).json();
        assertThat(view.path("extension").path("engine").asText()).isEqualTo(SECOND);

        // After a restart, the reconcile at start finds the extension on its own engine: a container removed there by
        // hand is recreated there.
        server.close();
        orbitr.close();
        second.docker("rm", "-f", container);
        startPlatform();
        assertThat(second.docker("inspect", "-f", "{{.State.Status}}", container).strip()).isEqualTo("running");
        assertThat(orbitr.engine().containers().find(container)).isEmpty();

        // Stop and start go to the same engine.
        orbitr.extensions().stop(id);
        assertThat(second.docker("inspect", "-f", "{{.State.Status}}", container).strip()).isEqualTo("exited");
        orbitr.extensions().start(id);
        assertThat(second.docker("inspect", "-f", "{{.State.Status}}", container).strip()).isEqualTo("running");

        orbitr.extensions().uninstall(id, true);
        assertThat(second.docker("ps", "-a", "--filter", "name=" + container, "--format", "{{.Names}}")).isBlank();
        assertThat(second.docker("network", "ls", "--filter", "name=orbitr-ext-" + id, "--format", "{{.Name}}"))
                .isBlank();
        assertThat(orbitr.extensions().find(id)).isEmpty();
    }

    private ContainerSpec printing(String name, String where) {
        return ContainerSpec.builder(TestImages.BUSYBOX).name(name).label("io.orbitr.test", id).env("WHERE", where)
                .command("sh", "-c", "i=0; while true; do i=$((i+1)); echo \"$WHERE line $i\"; sleep 0.2; done")
                .build();
    }

    @Test
    void aWebSocketClientFollowsTheSameContainerNameOnBothEnginesAtOnce() throws Exception {
        String name = id + "-logs";
        localContainers.add(name);
        orbitr.engine().containers().create(printing(name, "on-local"));
        orbitr.engine().containers().start(name);
        // Removed with the second engine at the end.
        orbitr.engines().get(SECOND).containers().create(printing(name, "on-second"));
        orbitr.engines().get(SECOND).containers().start(name);

        try (WsClient client = WsClient.connect(server.uri(), admin, Map.of(), false)) {
            client.send(Map.of("type", "subscribe_logs", "containerId", name, "engine", SECOND, "tail", 5));
            client.send(Map.of("type", "subscribe_logs", "containerId", name, "tail", 5));
            client.send(Map.of("type", "subscribe_stats", "containerId", name, "engine", SECOND));
            JsonNode remote = client.await(m -> m.path("type").asText().equals("logs")
                    && m.path("engine").asText().equals(SECOND), Duration.ofSeconds(20));
            assertThat(remote.path("containerId").asText()).isEqualTo(name);
            remote.path("lines").forEach(line -> assertThat(line.path("text").asText()).startsWith("on-second"));
            JsonNode local = client.await(m -> m.path("type").asText().equals("logs") && !m.has("engine"),
                    Duration.ofSeconds(20));
            local.path("lines").forEach(line -> assertThat(line.path("text").asText()).startsWith("on-local"));
            JsonNode stats = client.await(m -> m.path("type").asText().equals("stats"), Duration.ofSeconds(30));
            assertThat(stats.path("engine").asText()).isEqualTo(SECOND);
            assertThat(stats.path("containerId").asText()).isEqualTo(name);

            // Unfollowing on the second engine leaves the host's follow going.
            client.send(Map.of("type", "unsubscribe_logs", "containerId", name, "engine", SECOND));
            client.send(Map.of("type", "ping"));
            client.awaitType("pong");
            client.messages.clear();
            JsonNode after = client.awaitType("logs");
            assertThat(after.has("engine")).isFalse();

            client.send(Map.of("type", "subscribe_logs", "containerId", name, "engine", "nowhere"));
            JsonNode error = client.awaitType("error");
            assertThat(error.path("field").asText()).isEqualTo("engine");
            assertThat(error.path("message").asText()).contains("nowhere").contains(SECOND);
        }
    }
}
