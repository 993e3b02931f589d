package io.orbitr.extension;

import io.orbitr.proxy.BasicAuthUser;
import io.orbitr.proxy.Protocol;
import java.util.List;
import java.util.Objects;

/**
 * The proxy route to an extension's main service, served at {@code <subdomain>.<domain>}.
 *
 * @param subdomain  the subdomain (default the extension's id)
 * @param port       the main service's port inside the container
 * @param protocol   http, https, tcp or udp
 * @param tls        whether the proxy serves it over TLS
 * @param pathPrefix a path the route also answers under (empty for none), for example {@code /gitea}
 * @param basicAuth  users the proxy asks for (bcrypt hashes)
 */
public record ExtensionRoute(String subdomain, int port, Protocol protocol, boolean tls, String pathPrefix,
        List<BasicAuthUser> basicAuth) {
    /** Checks for nulls and freezes the users. */
    public ExtensionRoute {
        Objects.requireNonNull(subdomain, "subdomain");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        basicAuth = Values.list("basicAuth", basicAuth);
    }

    /**
     * @param subdomain the subdomain
     * @param port      the internal HTTP port
     * @return an HTTP route without TLS, prefix or auth
     */
    public static ExtensionRoute http(String subdomain, int port) {
        return new ExtensionRoute(subdomain, port, Protocol.HTTP, false, "", List.of());
    }
}
