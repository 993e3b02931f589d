package io.orbitr.engine;

import io.orbitr.InvalidValueException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One named engine endpoint: its name, where the engine listens, the TLS files a {@code tcp://} engine asks for,
 * and how long its requests may take. Orbitr manages several engines at once ({@link Engines}); the one named
 * {@value #LOCAL} is the default of every call that names none.
 *
 * @param name           the endpoint's name: lowercase letters, digits, {@code -}, {@code _} and {@code .}, up to 63
 * @param host           the engine's address: {@code unix:///var/run/docker.sock} or {@code tcp://host:port}
 * @param tls            the client's TLS files, for a {@code tcp://} engine started with {@code --tlsverify}
 * @param requestTimeout the bound on every request/response call (live streams are not bounded by it)
 * @param connectTimeout the bound on opening a connection
 */
public record EngineSettings(String name, URI host, Optional<EngineTls> tls, Duration requestTimeout,
        Duration connectTimeout) {

    /** The name of the default endpoint. */
    public static final String LOCAL = "local";

    /** The engine's default local socket. */
    public static final URI DEFAULT_HOST = URI.create("unix:///var/run/docker.sock");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

    /** Validates the settings. */
    public EngineSettings {
        requireName(name);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        String scheme = host.getScheme();
        if (scheme == null || !(scheme.equals("unix") || scheme.equals("tcp") || scheme.equals("npipe"))) {
            // The local endpoint keeps the field name earlier versions used: it is the old --docker-host.
            throw new InvalidValueException(name.equals(LOCAL) ? "docker host" : "engine " + name + " host", host,
                    "must start with unix://, tcp:// or npipe://");
        }
        if (tls.isPresent() && !scheme.equals("tcp")) {
            throw new InvalidValueException("engine " + name + " tls", host, "TLS needs a tcp:// host");
        }
        requirePositive("request timeout", requestTimeout);
        requirePositive("connect timeout", connectTimeout);
    }

    /**
     * The {@value #LOCAL} endpoint at a host, without TLS.
     *
     * @param host           the engine's address
     * @param requestTimeout the bound on every request/response call
     * @param connectTimeout the bound on opening a connection
     */
    public EngineSettings(URI host, Duration requestTimeout, Duration connectTimeout) {
        this(LOCAL, host, Optional.empty(), requestTimeout, connectTimeout);
    }

    /**
     * The {@value #LOCAL} endpoint at a host with default timeouts (30 s per request, 2 s to connect).
     *
     * @param host the engine's address
     * @return the settings
     */
    public static EngineSettings of(URI host) {
        return named(LOCAL, host);
    }

    /**
     * A named endpoint without TLS, with default timeouts (30 s per request, 2 s to connect).
     *
     * @param name the endpoint's name
     * @param host the engine's address
     * @return the settings
     */
    public static EngineSettings named(String name, URI host) {
        return new EngineSettings(name, host, Optional.empty(), Duration.ofSeconds(30), Duration.ofSeconds(2));
    }

    /**
     * The host named by {@code DOCKER_HOST}, else the local socket.
     *
     * @param dockerHostVariable the value of {@code DOCKER_HOST}, if set
     * @return the settings
     */
    public static EngineSettings fromEnvironment(Optional<String> dockerHostVariable) {
        return of(dockerHostVariable.filter(v -> !v.isBlank()).map(URI::create).orElse(DEFAULT_HOST));
    }

    /**
     * Reads an endpoint as the launcher's {@code --engine} option takes it: {@code NAME=URI}, where a {@code tcp://}
     * URI may carry its TLS files as query parameters, either {@code tls=DIR} (holding {@code ca.pem},
     * {@code cert.pem}, {@code key.pem}) or all of {@code ca=}, {@code cert=} and {@code key=}. Examples:
     * {@code local=unix:///var/run/docker.sock}, {@code edge=tcp://10.0.0.5:2376?tls=/etc/orbitr/edge}.
     *
     * @param text the option's value
     * @return the settings, with default timeouts
     * @throws InvalidValueException naming the part that is wrong
     */
    public static EngineSettings parse(String text) {
        Objects.requireNonNull(text, "text");
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new InvalidValueException("engine", text, "must be NAME=URI, for example "
                    + "edge=tcp://10.0.0.5:2376?tls=/etc/orbitr/edge");
        }
        String name = text.substring(0, equals).trim();
        requireName(name);
        String uri = text.substring(equals + 1).trim();
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidValueException("engine " + name, uri, "must be a URI: " + e.getReason());
        }
        Map<String, String> query = query(name, parsed);
        URI host = parsed;
        if (parsed.getRawQuery() != null) {
            host = URI.create(uri.substring(0, uri.indexOf('?')));
        }
        Optional<EngineTls> tls = tls(name, query);
        return new EngineSettings(name, host, tls, Duration.ofSeconds(30), Duration.ofSeconds(2));
    }

    /** @return the endpoint as {@link #parse(String)} reads it back (TLS files as query parameters) */
    public String format() {
        StringBuilder text = new StringBuilder(name).append('=').append(host);
        tls.ifPresent(files -> text.append("?ca=").append(files.caCertificate()).append("&cert=")
                .append(files.clientCertificate()).append("&key=").append(files.clientKey()));
        return text.toString();
    }

    /**
     * @param timeout the new request timeout
     * @return a copy with that request timeout
     */
    public EngineSettings withRequestTimeout(Duration timeout) {
        return new EngineSettings(name, host, tls, timeout, connectTimeout);
    }

    /**
     * @param timeout the new connect timeout
     * @return a copy with that connect timeout
     */
    public EngineSettings withConnectTimeout(Duration timeout) {
        return new EngineSettings(name, host, tls, requestTimeout, timeout);
    }

    /**
     * @param files the client's TLS files
     * @return a copy that connects with TLS
     */
    public EngineSettings withTls(EngineTls files) {
        return new EngineSettings(name, host, Optional.of(files), requestTimeout, connectTimeout);
    }

    /**
     * @param newName the endpoint's new name
     * @return a copy under that name
     */
    public EngineSettings withName(String newName) {
        return new EngineSettings(newName, host, tls, requestTimeout, connectTimeout);
    }

    /** @return how errors name the endpoint, for example {@code engine 'edge' (tcp://10.0.0.5:2376)} */
    public String describe() {
        return "engine '" + name + "' (" + host + ")";
    }

    /**
     * Refuses a bad endpoint name.
     *
     * @param name the name
     * @return the name
     * @throws InvalidValueException when it is not lowercase letters, digits, {@code -_.}, up to 63
     */
    public static String requireName(String name) {
        Objects.requireNonNull(name, "engine name");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidValueException("engine name", name,
                    "must be 1 to 63 lowercase letters, digits, '-', '_' or '.', starting with a letter or digit");
        }
        return name;
    }

    private static Map<String, String> query(String name, URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (!key.equals("tls") && !key.equals("ca") && !key.equals("cert") && !key.equals("key")) {
                throw new InvalidValueException("engine " + name + " parameter", key,
                        "must be tls, ca, cert or key");
            }
            if (value.isBlank()) {
                throw new InvalidValueException("engine " + name + " " + key, value, "must be a file path");
            }
            values.put(key, value);
        }
        return values;
    }

    private static Optional<EngineTls> tls(String name, Map<String, String> query) {
        if (query.containsKey("tls")) {
            if (query.size() > 1) {
                throw new InvalidValueException("engine " + name + " tls", query.keySet(),
                        "give either tls=DIR or ca=, cert= and key=, not both");
            }
            return Optional.of(EngineTls.inDirectory(Path.of(query.get("tls"))));
        }
        if (query.isEmpty()) {
            return Optional.empty();
        }
        for (String key : new String[] {"ca", "cert", "key"}) {
            if (!query.containsKey(key)) {
                throw new InvalidValueException("engine " + name + " " + key, "(missing)",
                        "TLS needs all of ca=, cert= and key= (or tls=DIR)");
            }
        }
        return Optional.of(new EngineTls(Path.of(query.get("ca")), Path.of(query.get("cert")),
                Path.of(query.get("key"))));
    }

    private static void requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidValueException(field, value, "must be positive");
        }
    }
}
