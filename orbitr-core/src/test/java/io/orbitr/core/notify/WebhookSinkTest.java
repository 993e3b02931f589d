package io.orbitr.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.core.secret.AesGcmSecretBox;
import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.core.store.Stores;
import io.orbitr.health.HealthStatus;
import io.orbitr.notify.Notification;
import io.orbitr.secret.Secret;
import io.orbitr.secret.SecretBox;
import io.orbitr.spi.ProviderContext;
import io.orbitr.store.Store;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/** The webhook sink against a real receiver on 127.0.0.1. */
@OnEveryStore
class WebhookSinkTest {
    @Parameter
    TestStore testStore;

    private static final Notification NOTIFICATION = new Notification(7, "api", "API", HealthStatus.UP,
            HealthStatus.DOWN, "API is DOWN: HTTP 500", Instant.parse("2030-01-01T00:00:00Z"), false);
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final SecretBox box = AesGcmSecretBox.random();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer receiver;
    private URI url;

    @BeforeEach
    void receive() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/hook/secret-token", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.createContext("/slow", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        receiver.start();
        url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/secret-token");
    }

    @AfterEach
    void stop() {
        release.countDown();
        receiver.stop(0);
    }

    @Test
    void aNotificationIsPostedAsJson() throws Exception {
        new WebhookSink(WebhookSettings.of(url)).send(NOTIFICATION);
        assertThat(bodies).hasSize(1);
        assertThat(contentTypes).containsExactly("application/json");
        JsonNode json = new ObjectMapper().readTree(bodies.get(0));
        assertThat(json.get("id").asLong()).isEqualTo(7);
        assertThat(json.get("targetId").asText()).isEqualTo("api");
        assertThat(json.get("targetName").asText()).isEqualTo("API");
        assertThat(json.get("from").asText()).isEqualTo("UP");
        assertThat(json.get("to").asText()).isEqualTo("DOWN");
        assertThat(json.get("message").asText()).isEqualTo("API is DOWN: HTTP 500");
        assertThat(json.get("time").asText()).isEqualTo("2030-01-01T00:00:00Z");
    }

    @Test
    void failedAttemptsAreRetriedWithBackoff() throws Exception {
        failuresLeft.set(2);
        long started = System.nanoTime();
        new WebhookSink(new WebhookSettings(url, Duration.ofSeconds(5), 3, Duration.ofMillis(100)))
                .send(NOTIFICATION);
        assertThat(bodies).hasSize(3);
        // Waited 100 ms, then 200 ms.
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
    }

    @Test
    void aReceiverThatKeepsFailingFailsTheSendWithoutTheSecretInTheMessage() {
        failuresLeft.set(100);
        WebhookSink sink = new WebhookSink(new WebhookSettings(url, Duration.ofSeconds(5), 2, Duration.ofMillis(10)));
        assertThatThrownBy(() -> sink.send(NOTIFICATION)).isInstanceOf(OrbitrException.class)
                .hasMessage("webhook http://127.0.0.1:" + url.getPort() + " failed after 3 attempts; last: HTTP 500");
        assertThat(bodies).hasSize(3);
    }

    @Test
    void aSlowReceiverIsBoundedByTheTimeout() {
        URI slow = url.resolve("/slow");
        WebhookSink sink = new WebhookSink(new WebhookSettings(slow, Duration.ofMillis(300), 1, Duration.ZERO));
        long started = System.nanoTime();
        assertThatThrownBy(() -> sink.send(NOTIFICATION)).hasMessageContaining("HttpTimeoutException");
        assertThat(System.nanoTime() - started).isLessThan(Duration.ofSeconds(10).toNanos());
    }

    @Test
    void settingsComeFromTheStoreAndMayBeAbsent() throws Exception {
        JdbcStore store = Stores.open(testStore.settings(), Path.of("unused"));
        try {
            new SchemaMigrator(store, Clock.systemUTC()).migrate(Map.of(CoreSchema.COMPONENT,
                    CoreSchema.migrations()));
            WebhookSink sink = new WebhookSink();
            sink.start(context(store, box));
            sink.send(NOTIFICATION);
            assertThat(bodies).isEmpty();

            new WebhookSettings(url, Duration.ofSeconds(2), 1, Duration.ofMillis(50)).save(store, box, 0);
            assertThat(WebhookSettings.load(store, box)).contains(new WebhookSettings(url, Duration.ofSeconds(2), 1,
                    Duration.ofMillis(50)));
            sink.send(NOTIFICATION);
            assertThat(bodies).hasSize(1);
        } finally {
            store.close();
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> WebhookSettings.of(URI.create("mailto:ops@example.org")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining(WebhookSettings.URL);
        assertThatThrownBy(() -> new WebhookSettings(url, Duration.ZERO, 1, Duration.ZERO))
                .hasMessageContaining(WebhookSettings.TIMEOUT);
        assertThatThrownBy(() -> new WebhookSettings(url, Duration.ofSeconds(1), 99, Duration.ZERO))
                .hasMessageContaining(WebhookSettings.RETRIES);
    }

    @Test
    void theUrlAndTheAuthorizationHeaderAreSealedInTheStoreAndSent() throws Exception {
        JdbcStore store = Stores.open(testStore.settings(), Path.of("unused"));
        try {
            new SchemaMigrator(store, Clock.systemUTC()).migrate(Map.of(CoreSchema.COMPONENT,
                    CoreSchema.migrations()));
            WebhookSettings.of(url).withAuthorization(Secret.of("Bearer hook-token-42")).save(store, box, 0);

            Map<String, String> rows = settingRows(store);
            assertThat(rows.get(WebhookSettings.URL)).startsWith(SecretBox.PREFIX).doesNotContain("secret-token");
            assertThat(rows.get(WebhookSettings.AUTHORIZATION)).startsWith(SecretBox.PREFIX)
                    .doesNotContain("hook-token-42");

            WebhookSink sink = new WebhookSink();
            sink.start(context(store, box));
            sink.send(NOTIFICATION);
            assertThat(authorizations).containsExactly("Bearer hook-token-42");
        } finally {
            store.close();
        }
    }

    @Test
    void clearRowsOfAnOlderOrbitrAreSealedOnceAndStillRead() {
        JdbcStore store = Stores.open(testStore.settings(), Path.of("unused"));
        try {
            new SchemaMigrator(store, Clock.systemUTC()).migrate(Map.of(CoreSchema.COMPONENT,
                    CoreSchema.migrations()));
            store.inTransaction(connection -> {
                try (var insert = connection.prepareStatement("INSERT INTO settings (setting_key, setting_value,"
                        + " updated_at) VALUES (?, ?, 0)")) {
                    insert.setString(1, WebhookSettings.URL);
                    insert.setString(2, url.toString());
                    insert.executeUpdate();
                }
                return null;
            });
            assertThat(WebhookSettings.load(store, box)).map(WebhookSettings::url).contains(url);

            assertThat(WebhookSettings.sealClearRows(store, box, 1)).isEqualTo(1);
            assertThat(settingRows(store).get(WebhookSettings.URL)).startsWith(SecretBox.PREFIX)
                    .doesNotContain("secret-token");
            assertThat(WebhookSettings.sealClearRows(store, box, 2)).isZero();
            assertThat(WebhookSettings.load(store, box)).map(WebhookSettings::url).contains(url);
        } finally {
            store.close();
        }
    }

    @Test
    void neitherToStringNorErrorsShowTheTokens() {
        WebhookSettings settings = WebhookSettings.of(URI.create("https://user:pw@hooks.example.org/t/abc123?k=v"))
                .withAuthorization(Secret.of("Bearer xyz789"));
        assertThat(settings.toString()).contains("hooks.example.org").doesNotContain("abc123", "pw", "xyz789",
                "k=v");
        assertThatThrownBy(() -> WebhookSettings.of(URI.create("ftp://hooks.example.org/t/abc123")))
                .hasMessageContaining(WebhookSettings.URL).hasMessageNotContaining("abc123");
        failuresLeft.set(10);
        WebhookSink sink = new WebhookSink(new WebhookSettings(url, Duration.ofSeconds(5), 1, Duration.ZERO)
                .withAuthorization(Secret.of("Bearer xyz789")));
        assertThatThrownBy(() -> sink.send(NOTIFICATION)).isInstanceOf(OrbitrException.class)
                .hasMessageContaining("127.0.0.1").hasMessageNotContaining("secret-token")
                .hasMessageNotContaining("xyz789");
    }

    private static Map<String, String> settingRows(Store store) {
        return store.read(connection -> {
            Map<String, String> rows = new java.util.HashMap<>();
            try (var query = connection.prepareStatement("SELECT setting_key, setting_value FROM settings");
                    var result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getString(2));
                }
            }
            return rows;
        });
    }

    private static ProviderContext context(Store store, SecretBox box) {
        return new ProviderContext() {
            @Override
            public Path dataDirectory() {
                return Path.of("target");
            }

            @Override
            public Store store() {
                return store;
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public ScheduledExecutorService scheduler() {
                throw new UnsupportedOperationException();
            }

            @Override
            public <T> Optional<T> lookup(Class<T> type) {
                return type == SecretBox.class ? Optional.of(type.cast(box)) : Optional.empty();
            }

            @Override
            public <T> T require(Class<T> type) {
                return lookup(type).orElseThrow(UnsupportedOperationException::new);
            }
        };
    }
}
