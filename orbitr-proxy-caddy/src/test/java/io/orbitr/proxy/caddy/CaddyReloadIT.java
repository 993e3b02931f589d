package io.orbitr.proxy.caddy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import io.orbitr.proxy.ProxyFile;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live reload against a running Caddy: a good configuration, a bad one (refused, the good one keeps serving), a good one. */
class CaddyReloadIT {
    private static final String HOST = "reload.orbitr.test";
    private final CaddyGenerator generator = new CaddyGenerator();
    private HttpServer one;
    private HttpServer two;
    private ProxySettings settings;

    @TempDir
    Path directory;

    @BeforeEach
    void startUpstreams() throws IOException {
        one = upstream("one");
        two = upstream("two");
        settings = ProxySettings.builder().provider("caddy").httpPort(Loopback.freePort()).bindAddress("127.0.0.1")
                .adminAddress("127.0.0.1:" + Loopback.freePort()).build();
    }

    @AfterEach
    void stopUpstreams() {
        one.stop(0);
        two.stop(0);
    }

    private static HttpServer upstream(String answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private Optional<ProxyFile> routeTo(HttpServer upstream) {
        return generator.render(List.of(Route.builder().name("reload").host(HOST)
                .target("127.0.0.1", upstream.getAddress().getPort()).build()), settings);
    }

    private String fetch() {
        return Loopback.get(settings.httpPort(), HOST, "/").body();
    }

    @Test
    void aRejectedConfigurationKeepsTheLastGoodOneServing() throws Exception {
        Path caddyfile = directory.resolve("Caddyfile");
        Files.writeString(caddyfile, routeTo(one).orElseThrow().content());
        try (CaddyProcess caddy = CaddyProcess.start(caddyfile, settings.adminAddress())) {
            Loopback.await(Duration.ofSeconds(10), "the first configuration to serve", () -> fetch().equals("one"));

            // Refused by Caddy's parser.
            CaddyAdmin admin = new CaddyAdmin(settings.adminAddress(), HttpClient.newHttpClient(), Duration.ofSeconds(10));
            assertThatThrownBy(() -> admin.load("http://" + HOST + " {\n\treverse_proxy 127.0.0.1:1\n"))
                    .isInstanceOf(OrbitrException.class).hasMessageContaining("keeps serving the last good one")
                    .hasMessageContaining("Caddyfile");
            assertThat(fetch()).isEqualTo("one");

            // Refused when applied: a generated file whose HTTP port is taken by the first upstream.
            ProxySettings clash = settings.toBuilder().httpPort(one.getAddress().getPort()).build();
            Optional<ProxyFile> clashing = generator.render(List.of(Route.builder().name("reload").host(HOST)
                    .target("127.0.0.1", two.getAddress().getPort()).build()), clash);
            assertThatThrownBy(() -> generator.reload(clashing, clash)).isInstanceOf(OrbitrException.class)
                    .hasMessageContaining("address already in use");
            assertThat(fetch()).isEqualTo("one");

            generator.reload(routeTo(two), settings);
            assertThat(fetch()).isEqualTo("two");

            // The last route removed: Caddy keeps its admin API and serves nothing for the host.
            generator.reload(Optional.empty(), settings);
            assertThat(Loopback.get(settings.httpPort(), HOST, "/").status()).isNotEqualTo(200);
            generator.reload(routeTo(one), settings);
            assertThat(fetch()).isEqualTo("one");
        }
    }

    @Test
    void aCaddyThatDoesNotAnswerIsUnavailable() {
        ProxySettings nobody = settings.toBuilder().adminAddress("127.0.0.1:" + Loopback.freePort()).build();

        assertThatThrownBy(() -> generator.reload(routeTo(one), nobody)).isInstanceOf(UnavailableException.class)
                .hasMessageContaining(nobody.adminAddress());
    }

    @Test
    void withoutAnAdminAddressThereIsNothingToReload() throws IOException {
        // A Caddy admin API stand-in on the usual address: without an admin address it must not be asked.
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer admin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        admin.createContext("/", exchange -> {
            asked.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        admin.start();
        try {
            ProxySettings withAdmin = settings.toBuilder().adminAddress("127.0.0.1:" + admin.getAddress().getPort())
                    .build();
            generator.reload(routeTo(one), withAdmin);
            assertThat(asked).as("with an admin address, the reload reaches it").hasPositiveValue();
            asked.set(0);

            assertThatCode(() -> generator.reload(routeTo(one), withAdmin.toBuilder().adminAddress("").build()))
                    .doesNotThrowAnyException();
            assertThat(asked).as("without one, nothing is asked").hasValue(0);
        } finally {
            admin.stop(0);
        }
    }
}
