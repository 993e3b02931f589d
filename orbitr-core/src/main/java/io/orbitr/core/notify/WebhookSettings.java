package io.orbitr.core.notify;

import io.orbitr.InvalidValueException;
import io.orbitr.health.CheckSpec;
import io.orbitr.store.Store;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the built-in webhook sink posts, kept in the platform's {@code settings} table under
 * {@value #URL}, {@value #TIMEOUT}, {@value #RETRIES} and {@value #BACKOFF}, so it can change while the platform
 * runs.
 *
 * @param url     where to POST (http or https)
 * @param timeout the bound on one attempt (default 10 s)
 * @param retries further attempts after a failure (default 3)
 * @param backoff the wait before the first retry, doubled for each further one up to a minute (default 1 s)
 */
public record WebhookSettings(URI url, Duration timeout, int retries, Duration backoff) {
    /** The setting that holds the URL; no URL, no webhook. */
    public static final String URL = "notify.webhook.url";
    /** The setting that holds the timeout of one attempt, for example {@code 10s}. */
    public static final String TIMEOUT = "notify.webhook.timeout";
    /** The setting that holds the number of retries. */
    public static final String RETRIES = "notify.webhook.retries";
    /** The setting that holds the first retry's delay, for example {@code 1s}. */
    public static final String BACKOFF = "notify.webhook.backoff";

    /** Validates the settings. */
    public WebhookSettings {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new InvalidValueException(URL, url, "must be an absolute http:// or https:// URL");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.toMillis() < 1) {
            throw new InvalidValueException(TIMEOUT, timeout, "must be at least 1 ms");
        }
        if (retries < 0 || retries > 20) {
            throw new InvalidValueException(RETRIES, retries, "must be between 0 and 20");
        }
        Objects.requireNonNull(backoff, "backoff");
        if (backoff.isNegative()) {
            throw new InvalidValueException(BACKOFF, backoff, "must not be negative");
        }
    }

    /**
     * @param url where to POST
     * @return settings with the defaults: 10 s timeout, 3 retries, 1 s first backoff
     */
    public static WebhookSettings of(URI url) {
        return new WebhookSettings(url, Duration.ofSeconds(10), 3, Duration.ofSeconds(1));
    }

    /**
     * @param store the platform's store
     * @return the stored settings, or empty when no URL is set
     */
    public static Optional<WebhookSettings> load(Store store) {
        Map<String, String> values = store.read(connection -> {
            Map<String, String> found = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT setting_key, setting_value FROM"
                    + " settings WHERE setting_key IN (?, ?, ?, ?)")) {
                query.setString(1, URL);
                query.setString(2, TIMEOUT);
                query.setString(3, RETRIES);
                query.setString(4, BACKOFF);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            return found;
        });
        String url = values.getOrDefault(URL, "").trim();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(URL, url, "is not a URL: " + e.getMessage());
        }
        WebhookSettings defaults = of(uri);
        Duration timeout = values.containsKey(TIMEOUT) ? CheckSpec.parseDuration(TIMEOUT, values.get(TIMEOUT))
                : defaults.timeout();
        Duration backoff = values.containsKey(BACKOFF) ? CheckSpec.parseDuration(BACKOFF, values.get(BACKOFF))
                : defaults.backoff();
        int retries = defaults.retries();
        if (values.containsKey(RETRIES)) {
            try {
                retries = Integer.parseInt(values.get(RETRIES).trim());
            } catch (NumberFormatException e) {
                throw new InvalidValueException(RETRIES, values.get(RETRIES), "must be a whole number");
            }
        }
        return Optional.of(new WebhookSettings(uri, timeout, retries, backoff));
    }

    /**
     * Stores these settings, replacing the previous ones.
     *
     * @param store the platform's store
     * @param now   the time of the change (epoch ms)
     */
    public void save(Store store, long now) {
        store.inTransaction(connection -> {
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO settings (setting_key,"
                    + " setting_value, updated_at) KEY (setting_key) VALUES (?, ?, ?)")) {
                for (String[] pair : new String[][] {{URL, url.toString()}, {TIMEOUT, timeout.toMillis() + "ms"},
                        {RETRIES, Integer.toString(retries)}, {BACKOFF, backoff.toMillis() + "ms"}}) {
                    merge.setString(1, pair[0]);
                    merge.setString(2, pair[1]);
                    merge.setLong(3, now);
                    merge.addBatch();
                }
                merge.executeBatch();
            }
            return null;
        });
    }

    /** @return where the webhook points, without its path and query, which often carry a secret token */
    public String origin() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }
}
