package io.orbitr.proxy;

import io.orbitr.ConflictException;
import io.orbitr.DataPaths;
import io.orbitr.InvalidValueException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings shared by every route of one proxy. Build with {@link #builder()}; {@link #defaults()} is Traefik, no
 * default domain, files under {@code <data directory>/proxy}.
 *
 * @param provider        the generator's id: {@code traefik} or {@code caddy}
 * @param defaultDomain   the domain single-label hosts live under ({@code example.com}); empty for none, in which case
 *                        a single-label host is used as it is ({@code localhost})
 * @param subdomainScheme how a single-label host is placed under the default domain
 * @param outputDirectory where the configuration file is written; a relative path is taken from the platform's data
 *                        directory and may not leave it ({@code ..} is refused, see {@link DataPaths}); an absolute
 *                        path is taken as given. Mount this directory (not the file) into a proxy container: renames replace the
 *                        file, and a single-file bind mount would keep showing the old one.
 * @param acmeEmail       the ACME account email (Let's Encrypt); empty for none. Caddy uses its local CA
 *                        ({@code tls internal}) for TLS sites when it is empty.
 * @param certResolver    Traefik's certificate resolver for TLS routes (declared in Traefik's static configuration);
 *                        empty for Traefik's default certificate
 * @param httpPort        the port Caddy serves plain HTTP on (Caddy's {@code http_port}); Traefik's ports are its
 *                        entry points
 * @param httpsPort       the port Caddy serves HTTPS on (Caddy's {@code https_port})
 * @param adminAddress    the loopback address of Caddy's admin API ({@code 127.0.0.1:2019}) to reload through after
 *                        each write; empty for no live reload
 * @param bindAddress     the IP address Caddy's sites listen on (Caddy's {@code default_bind}), for example
 *                        {@code 127.0.0.1} behind another load balancer; empty for every interface
 */
public record ProxySettings(String provider, String defaultDomain, SubdomainScheme subdomainScheme,
        Path outputDirectory, String acmeEmail, String certResolver, int httpPort, int httpsPort,
        String adminAddress, String bindAddress) {

    /** Validates every value. */
    public ProxySettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(defaultDomain, "defaultDomain");
        Objects.requireNonNull(subdomainScheme, "subdomainScheme");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(acmeEmail, "acmeEmail");
        Objects.requireNonNull(certResolver, "certResolver");
        Objects.requireNonNull(adminAddress, "adminAddress");
        Objects.requireNonNull(bindAddress, "bindAddress");
        require("provider", provider, RouteRules.name(provider));
        if (!defaultDomain.isEmpty()) {
            require("defaultDomain", defaultDomain, RouteRules.domain(defaultDomain));
        }
        DataPaths.check("outputDirectory", outputDirectory);
        if (!acmeEmail.isEmpty()) {
            require("acmeEmail", acmeEmail, RouteRules.email(acmeEmail));
        }
        if (!certResolver.isEmpty()) {
            require("certResolver", certResolver, RouteRules.mixedName(certResolver));
        }
        require("httpPort", String.valueOf(httpPort), RouteRules.port(httpPort));
        require("httpsPort", String.valueOf(httpsPort), RouteRules.port(httpsPort));
        if (httpPort == httpsPort) {
            throw new InvalidValueException("httpsPort", httpsPort, "must differ from httpPort");
        }
        if (!adminAddress.isEmpty()) {
            require("adminAddress", adminAddress, RouteRules.loopbackAddress(adminAddress));
        }
        if (!bindAddress.isEmpty()) {
            require("bindAddress", bindAddress, RouteRules.ipAddress(bindAddress));
        }
    }

    /** @return Traefik, no default domain, subdomains, output under the data directory's {@code proxy}, ports 80/443 */
    public static ProxySettings defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings, to derive changed ones */
    public Builder toBuilder() {
        return new Builder().provider(provider).defaultDomain(defaultDomain).subdomainScheme(subdomainScheme)
                .outputDirectory(outputDirectory).acmeEmail(acmeEmail).certResolver(certResolver).httpPort(httpPort)
                .httpsPort(httpsPort).adminAddress(adminAddress).bindAddress(bindAddress);
    }

    /**
     * Places a route with a single-label host under the default domain: {@code grafana} becomes
     * {@code grafana.example.com}, or, with the {@link SubdomainScheme#PATH path scheme}, the host
     * {@code example.com} with the path prefix {@code /grafana} in front of the route's own. A route whose host has a
     * dot, or any route when there is no default domain, is returned as it is. Generators call this on every route,
     * so it is safe to call twice.
     *
     * @param route a route
     * @return the route as the proxy serves it
     * @throws InvalidValueException naming {@code host} when the resulting host is longer than 253 characters
     */
    public Route resolve(Route route) {
        if (defaultDomain.isEmpty() || route.host().indexOf('.') >= 0) {
            return route;
        }
        if (subdomainScheme == SubdomainScheme.PATH && route.protocol().routedByHost()) {
            String prefix = "/" + route.host() + route.pathPrefix();
            require("pathPrefix", prefix, RouteRules.pathPrefix(prefix));
            return new Route(route.name(), defaultDomain, route.targetHost(), route.targetPort(), route.protocol(),
                    route.tls(), prefix, route.entryPoints(), route.certResolver(), route.middlewares());
        }
        String host = route.host() + "." + defaultDomain;
        require("host", host, RouteRules.publicHost(host));
        return new Route(route.name(), host, route.targetHost(), route.targetPort(), route.protocol(), route.tls(),
                route.pathPrefix(), route.entryPoints(), route.certResolver(), route.middlewares());
    }

    /**
     * Resolves every route and checks them against each other, as a generator must before rendering.
     *
     * @param routes the routes
     * @return the resolved routes, in the given order
     * @throws InvalidValueException when a resolved host is too long
     * @throws ConflictException naming the first conflict (see {@link RouteValidator#conflicts})
     */
    public List<Route> resolveAll(List<Route> routes) {
        List<Route> resolved = new ArrayList<>(routes.size());
        routes.forEach(route -> resolved.add(resolve(route)));
        List<RouteConflict> conflicts = RouteValidator.conflicts(resolved, this);
        if (!conflicts.isEmpty()) {
            throw new ConflictException(conflicts.get(0).message());
        }
        return resolved;
    }

    private static void require(String field, String value, String rule) {
        if (rule != null) {
            throw new InvalidValueException(field, value, rule);
        }
    }

    /** Builds {@link ProxySettings}. Not thread-safe. */
    public static final class Builder {
        private String provider = "traefik";
        private String defaultDomain = "";
        private SubdomainScheme subdomainScheme = SubdomainScheme.SUBDOMAIN;
        private Path outputDirectory = Path.of("proxy");
        private String acmeEmail = "";
        private String certResolver = "";
        private int httpPort = 80;
        private int httpsPort = 443;
        private String adminAddress = "";
        private String bindAddress = "";

        private Builder() {
        }

        /** @param provider the generator's id ({@code traefik}, {@code caddy}) @return this builder */
        public Builder provider(String provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** @param domain the default domain, empty for none @return this builder */
        public Builder defaultDomain(String domain) {
            this.defaultDomain = Objects.requireNonNull(domain, "domain");
            return this;
        }

        /** @param scheme how single-label hosts are placed under the default domain @return this builder */
        public Builder subdomainScheme(SubdomainScheme scheme) {
            this.subdomainScheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /** @param directory where the file is written, relative to the data directory unless absolute @return this */
        public Builder outputDirectory(Path directory) {
            this.outputDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** @param email the ACME account email, empty for none @return this builder */
        public Builder acmeEmail(String email) {
            this.acmeEmail = Objects.requireNonNull(email, "email");
            return this;
        }

        /** @param resolver Traefik's certificate resolver for TLS routes, empty for none @return this builder */
        public Builder certResolver(String resolver) {
            this.certResolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** @param port Caddy's plain-HTTP port @return this builder */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** @param port Caddy's HTTPS port @return this builder */
        public Builder httpsPort(int port) {
            this.httpsPort = port;
            return this;
        }

        /** @param address Caddy's admin API on loopback ({@code 127.0.0.1:2019}), empty for no reload @return this */
        public Builder adminAddress(String address) {
            this.adminAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** @param address the IP address Caddy's sites listen on, empty for every interface @return this builder */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * @return the settings
         * @throws InvalidValueException naming the first bad value
         */
        public ProxySettings build() {
            return new ProxySettings(provider, defaultDomain, subdomainScheme, outputDirectory, acmeEmail, certResolver,
                    httpPort, httpsPort, adminAddress, bindAddress);
        }
    }
}
