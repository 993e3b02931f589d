package io.orbitr.core.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orbitr.OrbitrException;
import io.orbitr.notify.Notification;
import io.orbitr.notify.NotificationSink;
import io.orbitr.secret.SecretBox;
import io.orbitr.spi.ProviderContext;
import io.orbitr.store.Store;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in {@code webhook} sink: POSTs each notification as JSON
 * ({@code {"id", "targetId", "targetName", "from", "to", "message", "time"}}, time in ISO-8601) and counts any 2xx
 * answer as delivered. A failed attempt (no answer within the timeout, or another status) is retried after a
 * growing delay. Its settings come from the platform's {@code settings} table ({@link WebhookSettings}), read at
 * each send so they can change at run time; with no URL set it sends nothing. A host may instead register an
 * instance with fixed settings. Its URL is never logged in full, as it often carries a token; the URL and the
 * {@code Authorization} header are sealed in the store (see {@link WebhookSettings}).
 */
public final class WebhookSink implements NotificationSink {
    private static final Logger log = LoggerFactory.getLogger(WebhookSink.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final Optional<WebhookSettings> fixed;
    private volatile Store store;
    private volatile SecretBox secrets;
    private volatile HttpClient client;

    /** Creates the sink that reads its settings from the store; what ServiceLoader calls. */
    public WebhookSink() {
        this.fixed = Optional.empty();
    }

    /** @param settings fixed settings, ignoring the store */
    public WebhookSink(WebhookSettings settings) {
        this.fixed = Optional.of(Objects.requireNonNull(settings, "settings"));
    }

    @Override
    public String id() {
        return "webhook";
    }

    @Override
    public void start(ProviderContext context) {
        this.store = context.store();
        this.secrets = context.require(SecretBox.class);
    }

    @Override
    public void send(Notification notification) throws IOException, InterruptedException {
        Optional<WebhookSettings> settings = fixed.isPresent() ? fixed
                : store == null ? Optional.empty() : WebhookSettings.load(store, secrets);
        if (settings.isEmpty()) {
            log.debug("no webhook URL is set ({}); notification {} not posted", WebhookSettings.URL,
                    notification.id());
            return;
        }
        post(settings.get(), body(notification));
    }

    private void post(WebhookSettings settings, String body) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "orbitr-webhook")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        settings.authorization().ifPresent(header -> builder.header("Authorization", header.reveal()));
        HttpRequest request = builder.build();
        String lastFailure = "";
        Duration delay = settings.backoff();
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            if (attempt > 0) {
                Thread.sleep(delay.toMillis());
                delay = delay.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay.multipliedBy(2);
            }
            try {
                HttpResponse<Void> response = client(settings).send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
                lastFailure = "HTTP " + response.statusCode();
            } catch (IOException e) {
                lastFailure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            log.debug("webhook {} attempt {} failed: {}", settings.origin(), attempt + 1, lastFailure);
        }
        throw new OrbitrException("webhook " + settings.origin() + " failed after " + (settings.retries() + 1)
                + " attempts; last: " + lastFailure);
    }

    private HttpClient client(WebhookSettings settings) {
        HttpClient current = client;
        if (current == null) {
            current = HttpClient.newBuilder().connectTimeout(settings.timeout())
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            client = current;
        }
        return current;
    }

    private static String body(Notification notification) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", notification.id());
        json.put("targetId", notification.targetId());
        json.put("targetName", notification.targetName());
        json.put("from", notification.from().name());
        json.put("to", notification.to().name());
        json.put("message", notification.message());
        json.put("time", notification.time().toString());
        return JSON.writeValueAsString(json);
    }
}
