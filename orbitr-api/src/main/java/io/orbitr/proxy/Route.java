package io.orbitr.proxy;

import java.util.Objects;

/**
 * One route from a public host (and optional path prefix) to a target.
 *
 * @param name       the route's name
 * @param host       the public host
 * @param targetHost where the proxy forwards to
 * @param targetPort the target's port
 * @param protocol   {@code http}, {@code https}, {@code tcp} or {@code udp}
 * @param tls        whether the public side is served with TLS
 * @param pathPrefix a path prefix, empty for none
 */
public record Route(String name, String host, String targetHost, int targetPort, String protocol, boolean tls,
        String pathPrefix) {

    /** Refuses nulls. */
    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(targetHost, "targetHost");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
    }
}
