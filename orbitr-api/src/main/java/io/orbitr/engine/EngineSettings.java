package io.orbitr.engine;

import io.orbitr.InvalidValueException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a container engine listens and how long its requests may take.
 *
 * @param host           the engine's address: {@code unix:///var/run/docker.sock} or {@code tcp://host:port}
 * @param requestTimeout the bound on every request/response call (live streams are not bounded by it)
 * @param connectTimeout the bound on opening a connection
 */
public record EngineSettings(URI host, Duration requestTimeout, Duration connectTimeout) {

    /** The engine's default local socket. */
    public static final URI DEFAULT_HOST = URI.create("unix:///var/run/docker.sock");

    /** Validates the settings. */
    public EngineSettings {
        Objects.requireNonNull(host, "host");
        String scheme = host.getScheme();
        if (scheme == null || !(scheme.equals("unix") || scheme.equals("tcp") || scheme.equals("npipe"))) {
            throw new InvalidValueException("docker host", host, "must start with unix://, tcp:// or npipe://");
        }
        requirePositive("request timeout", requestTimeout);
        requirePositive("connect timeout", connectTimeout);
    }

    /**
     * Settings for a host with default timeouts (30 s per request, 2 s to connect).
     *
     * @param host the engine's address
     * @return the settings
     */
    public static EngineSettings of(URI host) {
        return new EngineSettings(host, Duration.ofSeconds(30), Duration.ofSeconds(2));
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
     * @param timeout the new request timeout
     * @return a copy with that request timeout
     */
    public EngineSettings withRequestTimeout(Duration timeout) {
        return new EngineSettings(host, timeout, connectTimeout);
    }

    private static void requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidValueException(field, value, "must be positive");
        }
    }
}
