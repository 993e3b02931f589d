package io.orbitr.examples.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerStatus;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.swarm.ServiceDetails;
import io.orbitr.engine.swarm.Swarm;
import io.orbitr.engine.swarm.SwarmTask;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * An extension installed as swarm services on a real single-node swarm: a second dockerd in a network namespace of
 * its own, made a swarm manager (never the host's engine). Its service runs one task, its docker check follows the
 * service, a real Caddy on this host serves it through the port it publishes on the manager (host mode), stop and start
 * scale it, and uninstall removes the service and its overlay network. On an engine that is no swarm manager the
 * install is refused and leaves nothing.
 */
@RealDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class SwarmExtensionIT {
    private static final String SECOND = "swarm";
    private static final String DOMAIN = "orbitr-swarmext.test";
    private static final int PUBLISHED = 18081;

    private final String id = "orbitr-swarmext-" + UUID.randomUUID().toString().substring(0, 6);
    private NamespacedEngine second;
    private LocalCaddy caddy;
    private Path directory;
    private Orbitr orbitr;
    private int httpPort;

    @BeforeAll
    void start() throws Exception {
        TestImages.busybox();
        second = NamespacedEngine.startedWith(TestImages.BUSYBOX);
        second.docker("swarm", "init", "--advertise-addr", second.address());
        directory = Files.createTempDirectory("orbitr-swarm-extension-");
        caddy = LocalCaddy.start(directory);
        httpPort = LocalCaddy.freePort();
        orbitr = Orbitr.builder().dataDirectory(directory.resolve("data"))
                .engine(EngineSettings.named(SECOND, second.uri()).withTls(second.tls())
                        .withRequestTimeout(Duration.ofSeconds(15)))
                .build();
        orbitr.proxies().updateSettings(caddy.proxySettings(DOMAIN, httpPort, directory.resolve("proxy")));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (orbitr != null && orbitr.extensions().find(id).isPresent()) {
                orbitr.extensions().uninstall(id, true);
            }
        } finally {
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

    private ExtensionManifest manifest(String ports) {
        return orbitr.extensions().parse("""
                manifestVersion: 1
                id: %s
                name: Busybox as a swarm service
                version: "1.0"
                revision: 1
                services:
                  web:
                    image: %s
                    command: ["sh", "-c", "trap 'exit 0' TERM; mkdir -p /tmp/www; echo served-by-$(hostname) > /tmp/www/index.html; httpd -p 8080 -h /tmp/www; while true; do sleep 0.2; done"]
                    %s
                route:
                  subdomain: %s
                  port: 8080
                health:
                  startPeriod: 30s
                  interval: 1s
                """.formatted(id, TestImages.BUSYBOX, ports, id), "swarm.yml");
    }

    @Test
    void anExtensionInstalledAsServicesRunsOnTheSwarmIsServedThroughItsPublishedPortAndIsRemovedWithItsNetwork()
            throws Exception {
        String service = "orbitr-ext-" + id + "-web";
        String network = "orbitr-ext-" + id;
        orbitr.extensions().install(manifest("ports: [\"" + PUBLISHED + ":8080\"]"), Map.of(),
                InstallOptions.onEngine(SECOND).asServices());

        Swarm swarm = orbitr.engines().get(SECOND).swarm();
        ServiceDetails details = swarm.inspect(service);
        assertThat(details.replicas()).isEqualTo(1);
        assertThat(details.spec().labels()).containsEntry("io.orbitr.extension", id);
        assertThat(swarm.tasks(service).stream().filter(SwarmTask::running).count()).isEqualTo(1);
        assertThat(second.docker("network", "inspect", "-f", "{{.Driver}} {{.Attachable}}", network).strip())
                .isEqualTo("overlay true");

        // The proxy on this host reaches it at the swarm manager's address, on the port the mesh publishes.
        Await.until("the page through Caddy", Duration.ofSeconds(30),
                () -> LocalCaddy.get(httpPort, id + "." + DOMAIN, "/").body().contains("served-by-"));
        Await.until("both checks UP", Duration.ofSeconds(30),
                () -> orbitr.extensions().status(id).health() == HealthStatus.UP,
                () -> orbitr.extensions().status(id).checks());
        HealthTarget docker = orbitr.health().target("ext." + id + ".service").orElseThrow();
        assertThat(docker.check().type()).isEqualTo("docker");
        assertThat(docker.check().options()).containsEntry("service", service).containsEntry("engine", SECOND);
        HealthTarget http = orbitr.health().target("ext." + id + ".http").orElseThrow();
        assertThat(http.check().options()).containsEntry("url", "http://" + second.address() + ":" + PUBLISHED + "/");
        ExtensionStatus status = orbitr.extensions().status(id);
        assertThat(status.services()).extracting(ServiceStatus::status)
                .containsExactly(Optional.of(ContainerStatus.RUNNING));
        assertThat(status.differences()).isEmpty();

        // Stop scales to zero; start back to one task.
        orbitr.extensions().stop(id);
        assertThat(swarm.inspect(service).replicas()).isZero();
        orbitr.extensions().start(id);
        assertThat(swarm.inspect(service).replicas()).isEqualTo(1);
        assertThat(swarm.tasks(service).stream().filter(SwarmTask::running).count()).isEqualTo(1);

        orbitr.extensions().uninstall(id, true);
        assertThat(swarm.find(service)).isEmpty();
        assertThat(second.docker("network", "ls", "--filter", "name=" + network, "--format", "{{.Name}}"))
                .isBlank();
        assertThat(orbitr.extensions().find(id)).isEmpty();
    }

    @Test
    void anInstallAsServicesOnAnEngineThatIsNoSwarmManagerOrWithAnUnpublishedRoutePortIsRefusedAndLeavesNothing() {
        // The host's engine is no swarm manager (and is never made one).
        assertThatThrownBy(() -> orbitr.extensions().install(manifest("ports: [\"" + PUBLISHED + ":8080\"]"),
                Map.of(), InstallOptions.onEngine(EngineSettings.LOCAL).asServices()))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("deployment"))
                .hasMessageContaining("not a swarm manager");
        assertThat(orbitr.extensions().find(id)).isEmpty();
        assertThatThrownBy(() -> orbitr.engine().networks().inspect("orbitr-ext-" + id))
                .isInstanceOf(NotFoundException.class);

        assertThatThrownBy(() -> orbitr.extensions().install(manifest(""), Map.of(),
                InstallOptions.onEngine(SECOND).asServices()))
                .isInstanceOf(InvalidManifestException.class)
                .satisfies(e -> assertThat(((InvalidManifestException) e).problems())
                        .anySatisfy(p -> assertThat(p.path()).isEqualTo("services.web.ports")));
        assertThat(orbitr.extensions().find(id)).isEmpty();
        assertThat(orbitr.engines().get(SECOND).swarm().find("orbitr-ext-" + id + "-web")).isEmpty();
    }
}
