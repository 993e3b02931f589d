package io.orbitr.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One route from a public host (and optional path prefix) to a target. Every value is checked against a strict
 * grammar when the route is built ("validate, don't escape"): a route that exists can be written into any proxy's
 * configuration as it is. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * Route route = Route.builder().name("grafana").host("grafana").target("grafana", 3000).tls(true)
 *         .redirectToHttps(true).build();
 * }</pre>
 *
 * <p>The record's component names are the route's JSON field names.
 *
 * @param name         a unique name: 1-63 lowercase letters, digits and '-'
 * @param host         the public host: a single label ({@code grafana}) is a subdomain of the default domain (see
 *                     {@link ProxySettings#resolve(Route)}); a name with dots ({@code grafana.example.org}) is a full
 *                     domain; {@code *.example.org} is a wildcard. Lowercase ASCII (punycode for IDNs).
 * @param targetHost   where the proxy forwards to: a hostname (a container name), an IPv4 or an IPv6 address
 * @param targetPort   the target's port, 1-65535
 * @param protocol     how the proxy speaks to the target
 * @param tls          whether the public side is served with TLS (HTTPS; for TCP, TLS with SNI routing)
 * @param pathPrefix   a path prefix ({@code /api}), stripped before forwarding; empty for the whole host.
 *                     {@code /api} matches {@code /api} and {@code /api/...}, never {@code /api-old}.
 * @param entryPoints  Traefik entry points; empty for the defaults ({@code web}, or {@code websecure} with TLS).
 *                     TCP without TLS and UDP need one of their own, declared in Traefik's static configuration.
 * @param certResolver the Traefik certificate resolver for this route; empty for the settings' resolver
 * @param middlewares  redirect, basic authentication and response headers
 */
public record Route(String name, String host, String targetHost, int targetPort, Protocol protocol, boolean tls,
        String pathPrefix, List<String> entryPoints, String certResolver, Middlewares middlewares) {

    /** The entry point of plain-HTTP routes (and of the HTTP-to-HTTPS redirect) when none is given. */
    public static final String DEFAULT_HTTP_ENTRY_POINT = "web";
    /** The entry point of TLS routes when none is given. */
    public static final String DEFAULT_TLS_ENTRY_POINT = "websecure";

    /** Validates every value and the combination; refuses the route with the first problem found. */
    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(targetHost, "targetHost");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        entryPoints = List.copyOf(entryPoints);
        Objects.requireNonNull(certResolver, "certResolver");
        Objects.requireNonNull(middlewares, "middlewares");
        RouteValidator.throwFirst(RouteValidator.route(name, host, targetHost, targetPort, protocol, tls, pathPrefix,
                entryPoints, certResolver, middlewares.redirectToHttps(),
                !middlewares.basicAuth().isEmpty() || !middlewares.responseHeaders().isEmpty()));
    }

    /** @return a builder with defaults: HTTP, no TLS, no path prefix, default entry points, no middlewares */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this route's values, to derive a changed route */
    public Builder toBuilder() {
        Builder builder = new Builder().name(name).host(host).target(targetHost, targetPort).protocol(protocol)
                .tls(tls).pathPrefix(pathPrefix).entryPoints(entryPoints).certResolver(certResolver)
                .redirectToHttps(middlewares.redirectToHttps());
        middlewares.basicAuth().forEach(u -> builder.basicAuth(u.username(), u.passwordHash()));
        middlewares.responseHeaders().forEach(builder::responseHeader);
        return builder;
    }

    /** @return the entry points given, or the default for the route's TLS setting when none is given */
    public List<String> entryPointsOrDefault() {
        if (!entryPoints.isEmpty()) {
            return entryPoints;
        }
        return List.of(tls ? DEFAULT_TLS_ENTRY_POINT : DEFAULT_HTTP_ENTRY_POINT);
    }

    /** @return whether the route serves only part of its host */
    public boolean hasPathPrefix() {
        return !pathPrefix.isEmpty();
    }

    /**
     * Collects a route's values without judging them, so that {@link #problems()} can list every mistake at once;
     * {@link #build()} refuses the first. Not thread-safe.
     */
    public static final class Builder {
        String name = "";
        String host = "";
        String targetHost = "";
        int targetPort;
        Protocol protocol = Protocol.HTTP;
        boolean tls;
        String pathPrefix = "";
        final List<String> entryPoints = new ArrayList<>();
        String certResolver = "";
        boolean redirectToHttps;
        final List<Map.Entry<String, String>> basicAuth = new ArrayList<>();
        final List<Map.Entry<String, String>> responseHeaders = new ArrayList<>();

        private Builder() {
        }

        /** @param name the route's unique name @return this builder */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @param host the public host, a single label for a subdomain of the default domain @return this builder */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * @param host where to forward
         * @param port the target's port
         * @return this builder
         */
        public Builder target(String host, int port) {
            return targetHost(host).targetPort(port);
        }

        /** @param targetHost where to forward @return this builder */
        public Builder targetHost(String targetHost) {
            this.targetHost = Objects.requireNonNull(targetHost, "targetHost");
            return this;
        }

        /** @param targetPort the target's port @return this builder */
        public Builder targetPort(int targetPort) {
            this.targetPort = targetPort;
            return this;
        }

        /** @param protocol how the proxy speaks to the target @return this builder */
        public Builder protocol(Protocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** @param tls whether the public side is served with TLS @return this builder */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** @param pathPrefix a prefix such as {@code /api}, empty for none @return this builder */
        public Builder pathPrefix(String pathPrefix) {
            this.pathPrefix = Objects.requireNonNull(pathPrefix, "pathPrefix");
            return this;
        }

        /** @param entryPoints Traefik entry points, replacing any given before @return this builder */
        public Builder entryPoints(List<String> entryPoints) {
            this.entryPoints.clear();
            entryPoints.forEach(e -> this.entryPoints.add(Objects.requireNonNull(e, "entryPoint")));
            return this;
        }

        /** @param entryPoints Traefik entry points, replacing any given before @return this builder */
        public Builder entryPoints(String... entryPoints) {
            return entryPoints(List.of(entryPoints));
        }

        /** @param certResolver a Traefik certificate resolver, empty for the settings' one @return this builder */
        public Builder certResolver(String certResolver) {
            this.certResolver = Objects.requireNonNull(certResolver, "certResolver");
            return this;
        }

        /** @param redirect whether plain HTTP is redirected to HTTPS @return this builder */
        public Builder redirectToHttps(boolean redirect) {
            this.redirectToHttps = redirect;
            return this;
        }

        /**
         * Adds a user to the route's basic authentication.
         *
         * @param username     the user name
         * @param passwordHash the user's bcrypt hash
         * @return this builder
         */
        public Builder basicAuth(String username, String passwordHash) {
            basicAuth.add(Map.entry(Objects.requireNonNull(username, "username"),
                    Objects.requireNonNull(passwordHash, "passwordHash")));
            return this;
        }

        /**
         * Adds a header set on every response.
         *
         * @param name  the header's name
         * @param value its value
         * @return this builder
         */
        public Builder responseHeader(String name, String value) {
            responseHeaders.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
            return this;
        }

        /** @return every problem of the values given so far, empty when {@link #build()} will succeed */
        public List<RouteProblem> problems() {
            return RouteValidator.validate(this);
        }

        /**
         * @return the route
         * @throws io.orbitr.InvalidValueException naming the field and value of the first problem
         */
        public Route build() {
            // The records check their own values; the middleware lists are checked here first only so that a
            // problem is named by its place in the route (middlewares.basicAuth[2].username).
            if (!basicAuth.isEmpty() || !responseHeaders.isEmpty()) {
                RouteValidator.throwFirst(RouteValidator.middlewares(basicAuth, responseHeaders));
            }
            List<BasicAuthUser> users = new ArrayList<>();
            basicAuth.forEach(e -> users.add(new BasicAuthUser(e.getKey(), e.getValue())));
            Map<String, String> headers = new LinkedHashMap<>();
            responseHeaders.forEach(e -> headers.put(e.getKey(), e.getValue()));
            Middlewares middlewares = redirectToHttps || !users.isEmpty() || !headers.isEmpty()
                    ? new Middlewares(redirectToHttps, users, headers) : Middlewares.NONE;
            return new Route(name, host, targetHost, targetPort, protocol, tls, pathPrefix, entryPoints, certResolver,
                    middlewares);
        }
    }
}
