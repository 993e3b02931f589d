package io.orbitr.examples.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerQuery;
import io.orbitr.engine.ContainerStatus;
import io.orbitr.PageRequest;
import io.orbitr.extension.ExtensionManager;
import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.ExtensionStatus;
import io.orbitr.extension.ServiceStatus;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.TargetStatus;
import io.orbitr.proxy.Route;
import io.orbitr.testing.Await;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.TestImages;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Extensions on the real engine, served by a real Caddy. Every resource name carries "wt-extensions-" and a random id. */
@RealDocker
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ExtensionsIT {
    private static final String DOMAIN = "wt-extensions.test";

    @TempDir
    Path directory;

    private final String id = "wt-extensions-" + UUID.randomUUID().toString().substring(0, 6);
    private LocalCaddy caddy;
    private Orbitr orbitr;
    private ExtensionManager extensions;
    private int httpPort;

    @BeforeEach
    void start() throws IOException {
        TestImages.busybox();
        caddy = LocalCaddy.start(directory);
        httpPort = LocalCaddy.freePort();
        orbitr = Orbitr.builder().dataDirectory(directory.resolve("data")).build();
        orbitr.proxies().updateSettings(caddy.proxySettings(DOMAIN, httpPort, directory.resolve("proxy")));
        extensions = orbitr.extensions();
    }

    @AfterEach
    void stop() throws Exception {
        if (orbitr == null) {
            if (caddy != null) {
                caddy.close();
            }
            return;
        }
        try {
            for (String each : List.of(id, id + "-b")) {
                if (extensions.find(each).isPresent()) {
                    extensions.uninstall(each, true);
                }
            }
            ContainerEngine engine = orbitr.engine();
            for (String volume : List.of("orbitr-ext-" + id + "-data")) {
                try {
                    engine.volumes().remove(volume, true);
                } catch (NotFoundException ignored) {
                    // already gone
                }
            }
        } finally {
            orbitr.close();
            caddy.close();
        }
    }

    private String manifest(String command, String extra) {
        return """
                manifestVersion: 1
                id: %s
                name: Busybox web
                version: "1.0"
                revision: 1
                generated:
                  - name: TOKEN
                    length: 24
                    encoding: hex
                services:
                  web:
                    image: %s
                    command: %s
                    environment:
                      TOKEN: ${inputs.TOKEN}
                    volumes: ["data:/data"]
                %s
                route:
                  subdomain: %s
                  port: 8080
                  pathPrefix: /bb
                health:
                  startPeriod: 20s
                  interval: 1s
                volumes:
                  data: {kind: data}
                """.formatted(id, TestImages.BUSYBOX, command, extra, id);
    }

    private ExtensionManifest httpd() {
        return extensions.parse(manifest("httpd -f -p 8080 -h /data", ""), "httpd.yml");
    }

    private LocalCaddy.Response viaHost(String path) {
        return LocalCaddy.get(httpPort, id + "." + DOMAIN, path);
    }

    @Test
    void installedExtensionIsServedByCaddyAndHealthyAndKeepsItsDataAcrossReinstall() throws Exception {
        extensions.install(httpd(), Map.of());

        ContainerEngine engine = orbitr.engine();
        String container = "orbitr-ext-" + id + "-web";
        engine.containers().exec(container, List.of("sh", "-c", "echo \"token=$TOKEN\" > /data/index.html"),
                Duration.ofSeconds(10), 4096);
        String token = engine.containers().exec(container, List.of("sh", "-c", "echo -n $TOKEN"),
                Duration.ofSeconds(10), 4096).output().strip();
        assertThat(token).hasSize(24).matches("[0-9a-f]+");

        Await.until("the page through Caddy by Host", Duration.ofSeconds(20),
                () -> viaHost("/").body().contains("token=" + token));
        Await.until("the page through Caddy by path prefix", Duration.ofSeconds(20),
                () -> LocalCaddy.get(httpPort, DOMAIN, "/bb/").body().contains("token=" + token));
        Await.until("every health check UP", Duration.ofSeconds(60), () -> {
            ExtensionStatus status = extensions.status(id);
            return status.checks().size() == 2 && status.health() == HealthStatus.UP;
        }, () -> extensions.status(id).checks());
        ExtensionStatus status = extensions.status(id);
        assertThat(status.url()).hasValue("http://" + id + "." + DOMAIN + ":" + httpPort + "/");
        assertThat(status.services()).extracting(ServiceStatus::status).containsExactly(Optional.of(ContainerStatus.RUNNING));
        assertThat(status.differences()).isEmpty();

        // Uninstall keeps the data volume; a reinstall serves the same data.
        extensions.uninstall(id);
        assertThat(engine.volumes().inspect("orbitr-ext-" + id + "-data")).isNotNull();
        assertNothingLeftBehindBut(id, true);
        extensions.install(httpd(), Map.of());
        Await.until("the old page after reinstall", Duration.ofSeconds(20),
                () -> viaHost("/").body().contains("token=" + token));

        // Purge removes it.
        extensions.uninstall(id, true);
        assertNothingLeftBehindBut(id, false);
    }

    @Test
    void aContainerStoppedByHandIsDownWithANotification() {
        extensions.install(httpd(), Map.of());
        Await.until("UP", Duration.ofSeconds(60), () -> extensions.status(id).health() == HealthStatus.UP,
                () -> extensions.status(id).checks());

        orbitr.engine().containers().stop("orbitr-ext-" + id + "-web", Duration.ofSeconds(5));

        String target = "ext." + id + ".container";
        Await.until("the container check DOWN", Duration.ofSeconds(60), () -> extensions.status(id).checks().stream()
                .anyMatch(c -> c.id().equals(target) && c.status() == HealthStatus.DOWN),
                () -> extensions.status(id).checks());
        Await.until("a notification of the DOWN", Duration.ofSeconds(30), () -> orbitr.notifications()
                .list(false, 100, Optional.empty()).items().stream()
                .anyMatch(n -> n.targetId().equals(target) && n.to() == HealthStatus.DOWN));
        assertThat(extensions.status(id).differences()).anyMatch(d -> d.contains("is exited"));

        // A deliberate stop pauses the checks; a start resumes them and serves again.
        extensions.stop(id);
        assertThat(extensions.status(id).checks()).extracting(TargetStatus::status).containsOnly(HealthStatus.PAUSED);
        extensions.start(id);
        Await.until("UP again after start", Duration.ofSeconds(60),
                () -> extensions.status(id).health() == HealthStatus.UP, () -> extensions.status(id).checks());
        Await.until("served again after start", Duration.ofSeconds(20), () -> viaHost("/").status() == 404);
    }

    @Test
    void aContainerRemovedByHandIsRecreatedAtTheNextStart() {
        extensions.install(httpd(), Map.of());
        orbitr.engine().containers().remove("orbitr-ext-" + id + "-web", true, false);
        orbitr.close();

        orbitr = Orbitr.builder().dataDirectory(directory.resolve("data")).build();
        extensions = orbitr.extensions();

        assertThat(orbitr.engine().containers().inspect("orbitr-ext-" + id + "-web").status())
                .isEqualTo(ContainerStatus.RUNNING);
        assertThat(extensions.status(id).differences()).isEmpty();
    }

    @Test
    void aHostPortThatIsTakenLeavesNothingBehind() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            ExtensionManifest manifest = extensions.parse(manifest("httpd -f -p 8080 -h /data",
                    "    ports: [\"" + taken.getLocalPort() + ":8080\"]"), "taken.yml");

            assertThatThrownBy(() -> extensions.install(manifest, Map.of())).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("host port " + taken.getLocalPort());
        }
        assertNothingLeftBehindBut(id, false);
    }

    @Test
    void aServiceThatExitsAtOnceLeavesNothingBehind() {
        ExtensionManifest manifest = extensions.parse(manifest("sh -c 'echo broken config; exit 3'", ""), "exit.yml");

        assertThatThrownBy(() -> extensions.install(manifest, Map.of())).isInstanceOf(OrbitrException.class)
                .hasMessageContaining("exited with code 3").hasMessageContaining("broken config");
        assertNothingLeftBehindBut(id, false);
    }

    @Test
    void aMissingImageLeavesNothingBehind() {
        ExtensionManifest manifest = extensions.parse(manifest("httpd -f -p 8080 -h /data", "")
                .replace(TestImages.BUSYBOX, "orbitr-test/wt-extensions-missing:1"), "missing.yml");

        assertThatThrownBy(() -> extensions.install(manifest, Map.of())).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("orbitr-test/wt-extensions-missing:1");
        assertNothingLeftBehindBut(id, false);
    }

    @Test
    void aMissingDependencyLeavesNothingBehind() {
        ExtensionManifest manifest = extensions.parse(manifest("httpd -f -p 8080 -h /data", "")
                .replace("revision: 1\n", "revision: 1\ndependsOn: [wt-extensions-nope]\n"), "dep.yml");

        assertThatThrownBy(() -> extensions.install(manifest, Map.of())).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("wt-extensions-nope");
        assertNothingLeftBehindBut(id, false);
    }

    @Test
    void aSubdomainAlreadyRoutedLeavesNothingBehind() {
        orbitr.proxies().create(Route.builder().name("wt-extensions-other").host(id).target("127.0.0.1", 9)
                .build());
        try {
            assertThatThrownBy(() -> extensions.install(httpd(), Map.of())).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("already served");
            assertNothingLeftBehindBut(id, false);
            assertThat(orbitr.proxies().find("wt-extensions-other")).isPresent();
        } finally {
            orbitr.proxies().remove("wt-extensions-other");
        }
    }

    @Test
    void anUpgradeToABrokenVersionRollsBackAndTheOldContainerServesAgain() throws Exception {
        extensions.install(httpd(), Map.of());
        orbitr.engine().containers().exec("orbitr-ext-" + id + "-web",
                List.of("sh", "-c", "echo old-version > /data/index.html"), Duration.ofSeconds(10), 4096);
        Await.until("the old version served", Duration.ofSeconds(20),
                () -> viaHost("/").body().contains("old-version"));
        ExtensionManifest broken = extensions.parse(manifest("sh -c 'exit 1'", "")
                .replace("version: \"1.0\"\nrevision: 1", "version: \"2.0\"\nrevision: 2"), "broken.yml");

        assertThatThrownBy(() -> extensions.upgrade(id, broken)).isInstanceOf(OrbitrException.class)
                .hasMessageContaining("rolled back to 1.0");

        assertThat(extensions.find(id).orElseThrow().manifest().version()).isEqualTo("1.0");
        Await.until("the old version served again", Duration.ofSeconds(30),
                () -> viaHost("/").body().contains("old-version"));

        // A good upgrade keeps the generated secret and the data.
        String tokenBefore = exec("echo -n $TOKEN");
        ExtensionManifest good = extensions.parse(manifest("httpd -f -p 8080 -h /data -c /dev/null", "")
                .replace("version: \"1.0\"\nrevision: 1", "version: \"1.1\"\nrevision: 3"), "good.yml");
        extensions.upgrade(id, good);
        assertThat(extensions.find(id).orElseThrow().manifest().version()).isEqualTo("1.1");
        assertThat(exec("echo -n $TOKEN")).isEqualTo(tokenBefore);
        Await.until("the data served by the new version", Duration.ofSeconds(30),
                () -> viaHost("/").body().contains("old-version"));
    }

    @Test
    void servicesReachEachOtherByTheirServiceNamesAsComposeServicesDo() {
        ExtensionManifest manifest = extensions.parse(manifest("httpd -f -p 8080 -h /data", """
                  client:
                    image: %s
                    command: sleep 3600
                """.formatted(TestImages.BUSYBOX)), "dns.yml");
        extensions.install(manifest, Map.of());
        orbitr.engine().containers().exec("orbitr-ext-" + id + "-web",
                List.of("sh", "-c", "echo reached-by-name > /data/name.txt"), Duration.ofSeconds(10), 4096);

        var containers = orbitr.engine().containers();
        String client = "orbitr-ext-" + id + "-client";
        var lookup = containers.exec(client, List.of("nslookup", "web"), Duration.ofSeconds(20), 4096);
        assertThat(lookup.exitCode()).as(lookup.output()).isZero();
        var ping = containers.exec(client, List.of("ping", "-c1", "-W5", "web"), Duration.ofSeconds(20), 4096);
        assertThat(ping.exitCode()).as(ping.output()).isZero();
        var page = containers.exec(client, List.of("wget", "-q", "-O-", "http://web:8080/name.txt"),
                Duration.ofSeconds(20), 4096);
        assertThat(page.output()).contains("reached-by-name");
        // And back: the web service finds the client by its service name.
        var back = containers.exec("orbitr-ext-" + id + "-web", List.of("ping", "-c1", "-W5", "client"),
                Duration.ofSeconds(20), 4096);
        assertThat(back.exitCode()).as(back.output()).isZero();
    }

    @Test
    void aTcpRouteTheConfiguredProxyCannotServeIsRefusedBeforeAnythingIsCreated() {
        ExtensionManifest manifest = extensions.parse(manifest("httpd -f -p 8080 -h /data", "")
                .replace("  pathPrefix: /bb\n", "  protocol: tcp\n  tls: true\n"), "tcp.yml");

        assertThatThrownBy(() -> extensions.install(manifest, Map.of()))
                .isInstanceOf(io.orbitr.extension.InvalidManifestException.class)
                .hasMessageContaining("route.protocol").hasMessageContaining("caddy")
                .hasMessageContaining("layer-4");
        assertNothingLeftBehindBut(id, false);
    }

    @Test
    void aPlainUdpRouteIsRefusedBeforeAnythingIsCreatedWithWhatToDoInstead() {
        ExtensionManifest manifest = extensions.parse(manifest("httpd -f -p 8080 -h /data", "")
                .replace("  pathPrefix: /bb\n", "  protocol: udp\n"), "udp.yml");

        assertThatThrownBy(() -> extensions.install(manifest, Map.of()))
                .isInstanceOf(io.orbitr.extension.InvalidManifestException.class)
                .hasMessageContaining("route.protocol").hasMessageContaining("entry point");
        assertNothingLeftBehindBut(id, false);
    }

    private String exec(String script) {
        return orbitr.engine().containers().exec("orbitr-ext-" + id + "-web", List.of("sh", "-c", script),
                Duration.ofSeconds(10), 4096).output().strip();
    }

    private void assertNothingLeftBehindBut(String extension, boolean dataVolumeKept) {
        ContainerEngine engine = orbitr.engine();
        assertThat(engine.containers().list(ContainerQuery.all().withLabel("io.orbitr.extension", extension),
                PageRequest.first(100)).items()).isEmpty();
        assertThatThrownBy(() -> engine.networks().inspect("orbitr-ext-" + extension))
                .isInstanceOf(NotFoundException.class);
        if (!dataVolumeKept) {
            assertThatThrownBy(() -> engine.volumes().inspect("orbitr-ext-" + extension + "-data"))
                    .isInstanceOf(NotFoundException.class);
        }
        assertThat(orbitr.proxies().list()).extracting(Route::name).noneMatch(n -> n.contains(extension));
        assertThat(orbitr.health().statuses(Optional.empty(), 500, Optional.empty()).items())
                .extracting(TargetStatus::id).noneMatch(t -> t.contains(extension));
        assertThat(extensions.find(extension)).isEmpty();
    }

}
