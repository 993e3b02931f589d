package io.orbitr.core.health.check;

import io.orbitr.InvalidValueException;
import io.orbitr.health.CheckOption;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthCheckProvider;
import io.orbitr.health.OptionType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 *   <li>{@code follow-redirects} (default true, at most 5) and {@code verify-tls} (default true);</li>
 *   <li>{@code timeout}: the bound when the check is run directly rather than by the monitor (default 48 s).</li>
 * </ul>
 * Records the status code in the details and the response time as the result's duration. Plain-HTTP requests share
 * keep-alive connections driven by one I/O thread; HTTPS requests share the JDK's HTTP client; neither holds a
 * thread while it waits.
 */
public final class HttpCheckProvider implements HealthCheckProvider {
    private static final List<CheckOption> OPTIONS = List.of(
            CheckOption.required("url", OptionType.TEXT, "an absolute http:// or https:// URL"),
            CheckOption.optional("method", OptionType.TEXT, "GET", "GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS"),
            CheckOption.optional("body", OptionType.TEXT, "", "the request body"),
            CheckOption.optional("expected-status", OptionType.LIST, StatusCodes.DEFAULT,
                    "accepted status codes and ranges, for example 200-299,301"),
            CheckOption.optional("keyword", OptionType.TEXT, "", "text the body must contain"),
            CheckOption.optional("regex", OptionType.PATTERN, "", "a pattern the body must contain (not with keyword)"),
            CheckOption.optional("invert", OptionType.BOOLEAN, "false", "a found keyword or pattern fails the check"),
            CheckOption.optional("max-body", OptionType.SIZE, "1MiB", "bytes of body searched"),
            CheckOption.optional("headers", OptionType.MAP, "", "request headers"),
            CheckOption.optional("follow-redirects", OptionType.BOOLEAN, "true", "follow up to 5 redirects"),
            CheckOption.optional("verify-tls", OptionType.BOOLEAN, "true", "verify the server's certificate"),
            CheckOption.optional("timeout", OptionType.DURATION, "48s", "the bound on a direct run"));
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** Headers the transport sets itself, refused as the JDK's client refuses them. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final int DEFAULT_MAX_BODY = 1 << 20;

    private final Transports transports;

    /** The provider ServiceLoader finds: plain HTTP through Orbitr's own client. */
    public HttpCheckProvider() {
        this(Transport.ORBITR);
    }

    /**
     * A provider whose plain-HTTP requests go through the given transport (HTTPS always uses the JDK's client).
     *
     * @param transport which client sends plain-HTTP requests
     */
    public HttpCheckProvider(Transport transport) {
        this.transports = new Transports(Objects.requireNonNull(transport, "transport"));
    }

    /** Which client sends a check's plain-HTTP requests; the benchmark compares the two. */
    public enum Transport {
        /** Orbitr's own keep-alive client on one I/O thread. */
        ORBITR,
        /** The JDK's {@link java.net.http.HttpClient}, as HTTPS requests always use. */
        JDK
    }

    @Override
    public String id() {
        return "http";
    }

    @Override
    public List<CheckOption> options() {
        return OPTIONS;
    }

    @Override
    public HealthCheck create(CheckSpec spec) {
        URI url = url(spec);
        String method = spec.string("method").orElse("GET").trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new InvalidValueException("http.method", method, "must be one of " + String.join(", ",
                    METHODS.stream().sorted().toList()));
        }
        byte[] body = spec.string("body").orElse("").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = headers(spec);
        StatusCodes expected = StatusCodes.parse("http.expected-status",
                spec.options().containsKey("expected-status") ? spec.list("expected-status")
                        : List.of(StatusCodes.DEFAULT));
        String keyword = spec.string("keyword").orElse("");
        Pattern regex = spec.pattern("regex").orElse(null);
        if (!keyword.isEmpty() && regex != null) {
            throw new InvalidValueException("http.regex", regex.pattern(), "use either keyword or regex, not both");
        }
        BodyRule rule = keyword.isEmpty() && regex == null ? BodyRule.NONE
                : new BodyRule(keyword, regex, spec.bool("invert", false));
        int maxBody = (int) Math.min(Integer.MAX_VALUE, spec.bytes("max-body", DEFAULT_MAX_BODY));
        Duration timeout = spec.duration("timeout", Duration.ofSeconds(48));
        return new HttpCheck(transports, url, method, body, headers, expected, rule, maxBody,
                spec.bool("follow-redirects", true), spec.bool("verify-tls", true), timeout);
    }

    @Override
    public void stop() {
        transports.close();
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

    private static Map<String, String> headers(CheckSpec spec) {
        Map<String, String> headers = new LinkedHashMap<>();
        spec.map("headers").forEach((name, value) -> {
            String field = "http.headers." + name;
            if (!TOKEN.matcher(name).matches()) {
                throw new InvalidValueException(field, value, "is not a valid header name");
            }
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidValueException(field, value, "is set by the check itself and cannot be given");
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
                throw new InvalidValueException(field, value, "must not contain line breaks");
            }
            headers.put(name, value);
        });
        return Collections.unmodifiableMap(headers);
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

    /** What every HTTP check of this provider shares: the plain-HTTP engine, the JDK's clients and a resolver. */
    static final class Transports implements AutoCloseable {
        private final Transport transport;
        private final HttpEngine engine = new HttpEngine();
        private final HttpClients jdk = new HttpClients();
        private final HostResolver resolver = new HostResolver("orbitr-http-resolver");

        Transports(Transport transport) {
            this.transport = transport;
        }

        /** @return whether a request to this URL goes through the JDK's client */
        boolean viaJdk(URI target) {
            return transport == Transport.JDK || HttpCheck.isHttps(target);
        }

        HttpEngine engine() {
            return engine;
        }

        HttpClients jdk() {
            return jdk;
        }

        /** @return the address to connect to: at once for an IP literal, else resolved off the caller's thread */
        CompletableFuture<InetSocketAddress> resolve(URI target) {
            return resolver.resolve(target.getHost(), HttpCheck.port(target));
        }

        @Override
        public void close() {
            engine.close();
            resolver.close();
        }
    }
}
