package io.orbitr.core.health.check;

import io.orbitr.InvalidValueException;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthCheckProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code http} check: requests a URL and judges the status code and, optionally, the body. Options:
 * <ul>
 *   <li>{@code url} (required): an absolute {@code http} or {@code https} URL;</li>
 *   <li>{@code method}: GET (default), HEAD, POST, PUT, PATCH, DELETE or OPTIONS; {@code body}: the request body;</li>
 *   <li>{@code expected-status}: accepted codes and ranges, {@code 200-299,301} (default {@code 200-399});</li>
 *   <li>{@code keyword} (text the body must contain) or {@code regex} (a pattern it must contain), and
 *       {@code invert: true} to require their absence; {@code max-body}: bytes of body searched (default 1 MiB);</li>
 *   <li>{@code headers}: a map of request headers;</li>
 *   <li>{@code follow-redirects} (default true) and {@code verify-tls} (default true);</li>
 *   <li>{@code timeout}: the bound when the check is run directly rather than by the monitor (default 48 s).</li>
 * </ul>
 * Records the status code in the details and the response time as the result's duration. Requests share a few
 * keep-alive clients and never hold a thread while they wait.
 */
public final class HttpCheckProvider implements HealthCheckProvider {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final int DEFAULT_MAX_BODY = 1 << 20;

    private final HttpClients clients = new HttpClients();

    @Override
    public String id() {
        return "http";
    }

    @Override
    public HealthCheck create(CheckSpec spec) {
        URI url = url(spec);
        String method = spec.string("method").orElse("GET").trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new InvalidValueException("http.method", method, "must be one of " + String.join(", ",
                    METHODS.stream().sorted().toList()));
        }
        HttpRequest.BodyPublisher body = spec.string("body").map(HttpRequest.BodyPublishers::ofString)
                .orElse(HttpRequest.BodyPublishers.noBody());
        HttpRequest.Builder request = HttpRequest.newBuilder(url).method(method, body);
        for (Map.Entry<String, String> header : spec.map("headers").entrySet()) {
            try {
                request.header(header.getKey(), header.getValue());
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("http.headers." + header.getKey(), header.getValue(),
                        "is not a header a check may set: " + e.getMessage());
            }
        }
        StatusCodes expected = StatusCodes.parse("http.expected-status",
                spec.options().containsKey("expected-status") ? spec.list("expected-status")
                        : java.util.List.of(StatusCodes.DEFAULT));
        String keyword = spec.string("keyword").orElse("");
        Pattern regex = spec.pattern("regex").orElse(null);
        if (!keyword.isEmpty() && regex != null) {
            throw new InvalidValueException("http.regex", regex.pattern(), "use either keyword or regex, not both");
        }
        BodyRule rule = keyword.isEmpty() && regex == null ? BodyRule.NONE
                : new BodyRule(keyword, regex, spec.bool("invert", false));
        int maxBody = (int) Math.min(Integer.MAX_VALUE, spec.bytes("max-body", DEFAULT_MAX_BODY));
        Duration timeout = spec.duration("timeout", Duration.ofSeconds(48));
        return new HttpCheck(clients, request.build(), expected, rule, maxBody, spec.bool("follow-redirects", true),
                spec.bool("verify-tls", true), timeout);
    }

    private static URI url(CheckSpec spec) {
        String text = spec.requireString("url").trim();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new InvalidValueException("http.url", text, "must be an absolute http:// or https:// URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidValueException("http.url", text, "is not a URL: " + e.getReason());
        }
    }

    /**
     * What the body must (or, inverted, must not) contain.
     *
     * @param keyword text to find, empty when a pattern is used
     * @param regex   a pattern to find, or null when a keyword is used
     * @param invert  whether a match fails the check
     */
    record BodyRule(String keyword, Pattern regex, boolean invert) {
        static final BodyRule NONE = new BodyRule("", null, false);

        boolean needsBody() {
            return this != NONE;
        }

        boolean found(String body) {
            return regex != null ? regex.matcher(body).find() : body.contains(keyword);
        }

        String describe() {
            return regex != null ? "pattern '" + regex.pattern() + "'" : "keyword '" + keyword + "'";
        }
    }
}
