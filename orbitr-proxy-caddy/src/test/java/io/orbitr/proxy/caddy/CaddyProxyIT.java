package io.orbitr.proxy.caddy;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.BusyboxContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * End to end: a real Caddy on loopback, configured by a generated Caddyfile, in front of a real busybox httpd
 * container, reached through the Host header and through a stripped path prefix.
 */
@RealDocker
class CaddyProxyIT {
    private static final String PAGE = "hello-from-orbitr-busybox";
    private final BusyboxContainer web = new BusyboxContainer("orbitr-px-httpd-",
            "echo " + PAGE + " > /www/index.html && exec httpd -f -p 8080 -h /www")
            .withExposedPorts(8080).waitingFor(Wait.forHttp("/").forStatusCode(200));
    private final CaddyGenerator generator = new CaddyGenerator();
    private int containerPort;

    @TempDir
    Path directory;

    @BeforeEach
    void startContainer() {
        web.start();
        containerPort = web.getMappedPort(8080);
    }

    @AfterEach
    void removeContainer() {
        web.stop();
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
