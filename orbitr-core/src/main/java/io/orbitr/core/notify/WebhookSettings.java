package io.orbitr.core.notify;

import io.orbitr.InvalidValueException;
import io.orbitr.core.store.SettingRows;
import io.orbitr.health.CheckSpec;
import io.orbitr.secret.Secret;
import io.orbitr.secret.SecretBox;
import io.orbitr.store.Store;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where and how the built-in webhook sink posts, kept in the platform's {@code settings} table under
 * {@value #URL}, {@value #TIMEOUT}, {@value #RETRIES}, {@value #BACKOFF} and {@value #AUTHORIZATION}, so it can change
 * while the platform runs. The URL (whose path or query often carries a token) and the {@code Authorization} header
 * are secrets: they are sealed in the store with the platform's {@link SecretBox}, and neither {@link #toString()}
 * nor an error message shows them.
 *
 * @param url           where to POST (http or https)
 * @param timeout       the bound on one attempt (default 10 s)
 * @param retries       further attempts after a failure (default 3)
 * @param backoff       the wait before the first retry, doubled for each further one up to a minute (default 1 s)
 * @param authorization the {@code Authorization} header sent with each POST ({@code Bearer ...}); empty for none
 */
public record WebhookSettings(URI url, Duration timeout, int retries, Duration backoff,
        Optional<Secret> authorization) {
    /** The setting that holds the URL (sealed); no URL, no webhook. */
    public static final String URL = "notify.webhook.url";
    /** The setting that holds the timeout of one attempt, for example {@code 10s}. */
    public static final String TIMEOUT = "notify.webhook.timeout";
    /** The setting that holds the number of retries. */
    public static final String RETRIES = "notify.webhook.retries";
    /** The setting that holds the first retry's delay, for example {@code 1s}. */
    public static final String BACKOFF = "notify.webhook.backoff";
    /** The setting that holds the {@code Authorization} header (sealed); absent for none. */
    public static final String AUTHORIZATION = "notify.webhook.authorization";
    /** The settings whose values are secrets, sealed in the store. */
    static final List<String> SECRET_SETTINGS = List.of(URL, AUTHORIZATION);
    private static final Logger log = LoggerFactory.getLogger(WebhookSettings.class);

    /** Validates the settings; errors show the URL's scheme and host only. */
    public WebhookSettings {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new InvalidValueException(URL, shown(url), "must be an absolute http:// or https:// URL");
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
        Objects.requireNonNull(authorization, "authorization");
        if (authorization.isPresent() && authorization.get().reveal().chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(AUTHORIZATION, Secret.MASK, "must not contain control characters");
        }
    }

    /**
     * Settings without an {@code Authorization} header.
     *
     * @param url     where to POST
     * @param timeout the bound on one attempt
     * @param retries further attempts after a failure
     * @param backoff the wait before the first retry
     */
    public WebhookSettings(URI url, Duration timeout, int retries, Duration backoff) {
        this(url, timeout, retries, backoff, Optional.empty());
    }

    /**
     * @param url where to POST
     * @return settings with the defaults: 10 s timeout, 3 retries, 1 s first backoff, no {@code Authorization}
     */
    public static WebhookSettings of(URI url) {
        return new WebhookSettings(url, Duration.ofSeconds(10), 3, Duration.ofSeconds(1));
    }

    /**
     * @param header the {@code Authorization} header's value, for example {@code Secret.of("Bearer abc")}
     * @return these settings with that header
     */
    public WebhookSettings withAuthorization(Secret header) {
        return new WebhookSettings(url, timeout, retries, backoff, Optional.of(header));
    }

    /**
     * @param store   the platform's store
     * @param secrets the platform's secret box, which opens the sealed URL and header
     * @return the stored settings, or empty when no URL is set
     */
    public static Optional<WebhookSettings> load(Store store, SecretBox secrets) {
        Map<String, String> values = store.read(connection -> {
            Map<String, String> found = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT setting_key, setting_value FROM"
                    + " settings WHERE setting_key IN (?, ?, ?, ?, ?)")) {
                query.setString(1, URL);
                query.setString(2, TIMEOUT);
                query.setString(3, RETRIES);
                query.setString(4, BACKOFF);
                query.setString(5, AUTHORIZATION);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            return found;
        });
        // A clear row (written before encryption, and not yet sealed at start) is still read.
        String url = open(secrets, URL, values.getOrDefault(URL, "")).trim();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(URL, Secret.MASK, "is not a URL; set it again");
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
        Optional<Secret> authorization = Optional.ofNullable(values.get(AUTHORIZATION))
                .map(header -> open(secrets, AUTHORIZATION, header)).filter(header -> !header.isEmpty())
                .map(Secret::of);
        return Optional.of(new WebhookSettings(uri, timeout, retries, backoff, authorization));
    }

    /**
     * Stores these settings, replacing the previous ones; the URL and the header are sealed.
     *
     * @param store   the platform's store
     * @param secrets the platform's secret box
     * @param now     the time of the change (epoch ms)
     */
    public void save(Store store, SecretBox secrets, long now) {
        store.inTransaction(connection -> {
            try (PreparedStatement merge = connection.prepareStatement(SettingRows.upsert(connection))) {
                for (String[] pair : new String[][] {{URL, secrets.seal(url.toString())},
                        {TIMEOUT, timeout.toMillis() + "ms"}, {RETRIES, Integer.toString(retries)},
                        {BACKOFF, backoff.toMillis() + "ms"}}) {
                    merge.setString(1, pair[0]);
                    merge.setString(2, pair[1]);
                    merge.setLong(3, now);
                    merge.addBatch();
                }
                merge.executeBatch();
            }
            if (authorization.isPresent()) {
                try (PreparedStatement merge = connection.prepareStatement(SettingRows.upsert(connection))) {
                    merge.setString(1, AUTHORIZATION);
                    merge.setString(2, secrets.seal(authorization.get()));
                    merge.setLong(3, now);
                    merge.executeUpdate();
                }
            } else {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM settings WHERE setting_key = ?")) {
                    delete.setString(1, AUTHORIZATION);
                    delete.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * Seals the webhook's secret settings that an older Orbitr (0.1) wrote in clear. Run at every start, after the
     * key is checked; a sealed row is recognised by its prefix and left alone, so a second run changes nothing.
     *
     * @param store   the platform's store
     * @param secrets the platform's secret box
     * @param now     the time of the change (epoch ms)
     * @return how many rows were sealed
     */
    public static int sealClearRows(Store store, SecretBox secrets, long now) {
        int sealed = store.inTransaction(connection -> {
            int count = 0;
            for (String key : SECRET_SETTINGS) {
                String value;
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT setting_value FROM settings WHERE setting_key = ? FOR UPDATE")) {
                    query.setString(1, key);
                    try (ResultSet rows = query.executeQuery()) {
                        value = rows.next() ? rows.getString(1) : null;
                    }
                }
                if (value == null || value.isEmpty() || SecretBox.isSealed(value)) {
                    continue;
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE settings SET setting_value = ?, updated_at = ? WHERE setting_key = ?")) {
                    update.setString(1, secrets.seal(value));
                    update.setLong(2, now);
                    update.setString(3, key);
                    count += update.executeUpdate();
                }
            }
            return count;
        });
        if (sealed > 0) {
            log.info("sealed {} webhook setting(s) that an older Orbitr stored in clear", sealed);
        }
        return sealed;
    }

    private static String open(SecretBox secrets, String setting, String stored) {
        try {
            return secrets.openOrClear(stored);
        } catch (io.orbitr.OrbitrException e) {
            throw new io.orbitr.OrbitrException("the webhook setting " + setting + " cannot be opened: "
                    + e.getMessage() + " Or set it again.", e);
        }
    }

    /** @return where the webhook points, without its path and query, which often carry a secret token */
    public String origin() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }

    /** @return the settings with the URL cut to its origin and the header masked */
    @Override
    public String toString() {
        return "WebhookSettings[url=" + shown(url) + ", timeout=" + timeout + ", retries=" + retries + ", backoff="
                + backoff + ", authorization=" + authorization.map(Secret::toString).orElse("(none)") + "]";
    }

    /** The URL as errors and logs may show it: scheme and host; user info, path and query masked. */
    private static String shown(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme() + (url.getHost() == null ? ":" : "://");
        String host = url.getHost() == null ? "" : url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
        boolean more = url.getRawUserInfo() != null || url.getRawPath() != null && !url.getRawPath().isEmpty()
                && !url.getRawPath().equals("/") || url.getRawQuery() != null || url.getRawFragment() != null
                || url.getHost() == null;
        return scheme + host + (more ? "/" + Secret.MASK : "");
    }
}
