package io.orbitr.proxy.caddy;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.Shell;
import io.orbitr.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a real Caddy on loopback, configured by a generated Caddyfile, in front of a real busybox httpd
 * container, reached through the Host header and through a stripped path prefix.
 */
@RealDocker
class CaddyProxyIT {
    private static final String PAGE = "hello-from-orbitr-busybox";
    private final String container = "orbitr-px-httpd-" + UUID.randomUUID().toString().substring(0, 8);
    private final CaddyGenerator generator = new CaddyGenerator();
    private int containerPort;

    @TempDir
    Path directory;

    @BeforeEach
    void startContainer() {
        Shell.Result run = Shell.run(Duration.ofSeconds(60), List.of("docker", "run", "-d", "--name", container,
                "-p", "127.0.0.1::8080", TestImages.busybox(), "sh", "-c",
                "echo " + PAGE + " > /www/index.html && exec httpd -f -p 8080 -h /www"));
        assertThat(run.ok()).as(run.output()).isTrue();
        Shell.Result port = Shell.run("docker", "port", container, "8080/tcp");
        assertThat(port.ok()).as(port.output()).isTrue();
        String mapping = port.output().lines().filter(l -> l.startsWith("127.0.0.1:")).findFirst().orElseThrow();
        containerPort = Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1).trim());
    }

    @AfterEach
    void removeContainer() {
        Shell.run("docker", "rm", "-f", container);
    }

    @Test
    void servesTheContainerByHostAndByPathPrefix() throws Exception {
        ProxySettings settings = ProxySettings.builder().provider("caddy").defaultDomain("orbitr.test")
                .httpPort(Loopback.freePort()).adminAddress("127.0.0.1:" + Loopback.freePort())
                .bindAddress("127.0.0.1").build();
        List<Route> routes = new ArrayList<>(List.of(
                Route.builder().name("web").host("web").target("127.0.0.1", containerPort)
                        .responseHeader("X-Served-By", "orbitr test").build(),
                Route.builder().name("prefixed").host("apps").target("127.0.0.1", containerPort).pathPrefix("/web")
                        .build()));
        String caddyfile = generator.render(routes, settings).orElseThrow().content();
        CaddyBinary.assertValid(caddyfile);
        Path file = directory.resolve("Caddyfile");
        Files.writeString(file, caddyfile);
        int port = settings.httpPort();

        try (CaddyProcess caddy = CaddyProcess.start(file, settings.adminAddress())) {
            Loopback.await(Duration.ofSeconds(20), "the container's page through Caddy",
                    () -> Loopback.get(port, "web.orbitr.test", "/").body().contains(PAGE));

            assertThat(Loopback.get(port, "web.orbitr.test", "/index.html").body()).contains(PAGE);
            assertThat(Loopback.get(port, "apps.orbitr.test", "/web/").body()).contains(PAGE);
            assertThat(Loopback.get(port, "apps.orbitr.test", "/web/index.html").body()).contains(PAGE);
            assertThat(Loopback.get(port, "apps.orbitr.test", "/web")).satisfies(r -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).contains(PAGE);
            });
            assertThat(Loopback.get(port, "apps.orbitr.test", "/webx").status()).isEqualTo(404);
            assertThat(Loopback.get(port, "apps.orbitr.test", "/").status()).isEqualTo(404);

            // A route added later arrives through the admin API, without a restart.
            routes.add(Route.builder().name("late").host("late").target("127.0.0.1", containerPort).build());
            generator.reload(generator.render(routes, settings), settings);
            assertThat(Loopback.get(port, "late.orbitr.test", "/").body()).contains(PAGE);
            assertThat(Loopback.get(port, "web.orbitr.test", "/").body()).contains(PAGE);
        }
    }
}
