package io.orbitr.proxy.traefik;

import io.orbitr.proxy.Route;

/**
 * Traefik v3 rule text and the names of the routers and middlewares a route becomes. Values go in backticks; they
 * have been validated to contain none, so nothing is escaped.
 *
 * <p>Derived names join the route name and a suffix with '_', a character route names cannot contain, so that the
 * routers and middlewares of one route can never collide with those of another.
 */
final class TraefikRules {
    /** Middleware suffixes, in the order a router applies them: headers reach even a 401, then auth, then strip. */
    static final String HEADERS = "_headers";
    static final String AUTH = "_auth";
    static final String STRIP = "_strip";
    static final String REDIRECT = "_redirect";
    /** The plain-HTTP router that only redirects to HTTPS. */
    static final String HTTP_ROUTER = "_http";

    private TraefikRules() {
    }

    /** The HTTP rule: the host, and the clean prefix form that matches {@code /p} and {@code /p/...} only. */
    static String httpRule(Route route) {
        String host = route.host().startsWith("*.") ? "HostRegexp(`" + wildcardRegex(route.host()) + "`)"
                : "Host(`" + route.host() + "`)";
        if (!route.hasPathPrefix()) {
            return host;
        }
        String prefix = route.pathPrefix();
        return host + " && (Path(`" + prefix + "`) || PathPrefix(`" + prefix + "/`))";
    }

    /** The TCP rule: SNI for TLS routes; without TLS there is no SNI and only {@code HostSNI(`*`)} is allowed. */
    static String tcpRule(Route route) {
        if (!route.tls()) {
            return "HostSNI(`*`)";
        }
        return route.host().startsWith("*.") ? "HostSNIRegexp(`" + wildcardRegex(route.host()) + "`)"
                : "HostSNI(`" + route.host() + "`)";
    }

    /**
     * Traefik orders routers by rule length, and a regexp rule is longer than the plain host it should yield to. A
     * wildcard router therefore gets the priority its rule would have with {@code *} in place of the label, minus
     * one: below any specific host at the same path, above shorter paths.
     *
     * @return the priority to set, or 0 to leave Traefik's default
     */
    static int priority(Route route, String rule) {
        if (!route.host().startsWith("*.")) {
            return 0;
        }
        String regexpForm = rule.startsWith("HostSNIRegexp") ? "HostSNIRegexp(`" + wildcardRegex(route.host()) + "`)"
                : "HostRegexp(`" + wildcardRegex(route.host()) + "`)";
        String plainForm = rule.startsWith("HostSNIRegexp") ? "HostSNI(`" + route.host() + "`)"
                : "Host(`" + route.host() + "`)";
        return Math.max(1, rule.length() - regexpForm.length() + plainForm.length() - 1);
    }

    /** {@code *.example.com} as an anchored regexp for exactly one label in place of the star. */
    private static String wildcardRegex(String host) {
        return "^[a-z0-9-]+" + host.substring(1).replace(".", "\\.") + "$";
    }

    /** @return the URL of an HTTP or HTTPS target */
    static String url(Route route) {
        return route.protocol().id() + "://" + address(route);
    }

    /** @return {@code host:port}, with an IPv6 host in brackets */
    static String address(Route route) {
        String host = route.targetHost().indexOf(':') >= 0 ? "[" + route.targetHost() + "]" : route.targetHost();
        return host + ":" + route.targetPort();
    }
}
