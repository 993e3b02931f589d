package io.orbitr.core.health.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.orbitr.InvalidValueException;
import io.orbitr.health.AsyncHealthCheck;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.testing.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code http} check against real HTTP servers on 127.0.0.1. */
class HttpCheckTest {
    private final HttpCheckProvider provider = newProvider();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger hangs = new AtomicInteger();
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private HttpServer server;
    private String base;

    /** @return the provider under test; {@link HttpCheckJdkTransportTest} runs every case through the JDK's client */
    HttpCheckProvider newProvider() {
        return new HttpCheckProvider();
    }

    @AfterEach
    void stopProvider() {
        provider.stop();
    }

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/ok", exchange -> respond(exchange, 200, "hello world"));
        server.createContext("/fail", exchange -> respond(exchange, 500, "broken"));
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            respond(exchange, 302, "");
        });
        server.createContext("/echo", exchange -> respond(exchange, 200, exchange.getRequestMethod() + " "
                + exchange.getRequestHeaders().getFirst("X-Probe") + " "
                + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        server.createContext("/hang", exchange -> {
            hangs.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private HealthResult check(Object... options) throws Exception {
        return provider.create(CheckSpec.of("http", options)).check();
    }

    @Test
    void aSuccessfulResponseIsUpWithItsStatusCode() throws Exception {
        HealthResult result = check("url", base + "/ok");
        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.message()).isEqualTo("HTTP 200");
        assertThat(result.details()).containsEntry("statusCode", 200);
        assertThat(provider.create(CheckSpec.of("http", "url", base + "/ok"))).isInstanceOf(AsyncHealthCheck.class);
    }

    @Test
    void aServerErrorIsDownUnlessExpected() throws Exception {
        HealthResult result = check("url", base + "/fail");
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("HTTP 500, expected 200-399");
        assertThat(check("url", base + "/fail", "expected-status", "200-299,500").status())
                .isEqualTo(HealthStatus.UP);
        assertThat(check("url", base + "/ok", "expected-status", List.of("201", "300-399")).status())
                .isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void redirectsAreFollowedUnlessTurnedOff() throws Exception {
        HealthResult followed = check("url", base + "/redirect");
        assertThat(followed.status()).isEqualTo(HealthStatus.UP);
        assertThat(followed.details()).containsEntry("statusCode", 200).containsEntry("finalUrl", base + "/ok");

        HealthResult notFollowed = check("url", base + "/redirect", "follow-redirects", false);
        assertThat(notFollowed.status()).isEqualTo(HealthStatus.UP);
        assertThat(notFollowed.details()).containsEntry("statusCode", 302);
        assertThat(check("url", base + "/redirect", "follow-redirects", "false", "expected-status", "200").message())
                .isEqualTo("HTTP 302, expected 200");
    }

    @Test
    void aHangingServerTimesOutAndFreesItsSlot() throws Exception {
        HealthResult result = check("url", base + "/hang", "timeout", "500ms");
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).matches("timed out after 500 ms|no response from 127.0.0.1:\\d+ in time");
        assertThat(check("url", base + "/ok").status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void aCancelledCheckAbortsItsRequest() throws Exception {
        AsyncHealthCheck check = (AsyncHealthCheck) provider.create(CheckSpec.of("http", "url", base + "/hang"));
        var future = check.start(Duration.ofSeconds(30));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hangs.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(hangs).hasValue(1);
        assertThat(future.cancel(true)).isTrue();
        assertThat(check("url", base + "/ok").status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void keywordsAndPatternsAreSearchedInTheBody() throws Exception {
        assertThat(check("url", base + "/ok", "keyword", "world").message())
                .isEqualTo("HTTP 200, keyword 'world' found");
        HealthResult missing = check("url", base + "/ok", "keyword", "planet");
        assertThat(missing.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(missing.message()).isEqualTo("HTTP 200, but keyword 'planet' not found");
        assertThat(check("url", base + "/ok", "keyword", "planet", "invert", true).status())
                .isEqualTo(HealthStatus.UP);
        assertThat(check("url", base + "/ok", "keyword", "world", "invert", true).status())
                .isEqualTo(HealthStatus.DOWN);
        assertThat(check("url", base + "/ok", "regex", "h[aeiou]llo\\s+w").status()).isEqualTo(HealthStatus.UP);
        assertThat(check("url", base + "/ok", "keyword", "world", "max-body", 5).status())
                .isEqualTo(HealthStatus.DOWN);
        assertThatThrownBy(() -> check("url", base + "/ok", "keyword", "a", "regex", "b"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("http.regex");
        assertThatThrownBy(() -> check("url", base + "/ok", "regex", "(unclosed"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("http.regex");
    }

    @Test
    void headersMethodAndBodyAreSent() throws Exception {
        HealthResult result = check("url", base + "/echo", "method", "post", "body", "ping",
                "headers", Map.of("X-Probe", "orbitr"), "keyword", "POST orbitr ping");
        assertThat(result.status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void anUnreachableServerIsDown() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        HealthResult result = check("url", "http://127.0.0.1:" + port + "/");
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).startsWith("cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> provider.create(CheckSpec.of("http"))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("http.url");
        assertThatThrownBy(() -> provider.create(CheckSpec.of("http", "url", "ftp://example.org/")))
                .hasMessageContaining("http.url");
        assertThatThrownBy(() -> provider.create(CheckSpec.of("http", "url", base, "method", "BREW")))
                .hasMessageContaining("http.method");
        assertThatThrownBy(() -> provider.create(CheckSpec.of("http", "url", base, "expected-status", "299-200")))
                .hasMessageContaining("http.expected-status");
        assertThatThrownBy(() -> provider.create(CheckSpec.of("http", "url", base, "expected-status", "abc")))
                .hasMessageContaining("http.expected-status");
        assertThatThrownBy(() -> provider.create(CheckSpec.of("http", "url", base, "headers",
                Map.of("Host", "x")))).hasMessageContaining("http.headers.Host");
    }

    @Test
    void tlsIsVerifiedUnlessTurnedOff(@TempDir Path directory) throws Exception {
        HttpsServer https = selfSignedServer(directory);
        try {
            String url = "https://127.0.0.1:" + https.getAddress().getPort() + "/ok";
            HealthResult verified = check("url", url);
            assertThat(verified.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(verified.message()).startsWith("TLS with 127.0.0.1");
            assertThat(check("url", url, "verify-tls", false).status()).isEqualTo(HealthStatus.UP);
        } finally {
            https.stop(0);
        }
    }

    private HttpsServer selfSignedServer(Path directory) throws Exception {
        Path keystore = directory.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Shell.Result made = Shell.run(Duration.ofSeconds(60), List.of(keytool, "-genkeypair", "-alias", "server",
                "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit", "-dname", "CN=orbitr-test", "-validity", "2",
                "-ext", "SAN=ip:127.0.0.1"));
        assertThat(made.ok()).as(made.output()).isTrue();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context));
        https.createContext("/ok", exchange -> respond(exchange, 200, "secure"));
        https.start();
        return https;
    }
}
