package io.orbitr.proxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a route does to requests and responses on the way through, besides forwarding them. Applies to HTTP and HTTPS
 * routes only.
 *
 * @param redirectToHttps whether plain-HTTP requests for the route are redirected (permanently) to HTTPS; needs
 *                        {@code tls}. Caddy redirects every TLS site anyway; Traefik needs a router for it.
 * @param basicAuth       the users allowed in, each with a bcrypt hash; empty for no authentication
 * @param responseHeaders headers set on every response, by name (kept in the order given)
 */
public record Middlewares(boolean redirectToHttps, List<BasicAuthUser> basicAuth, Map<String, String> responseHeaders) {

    /** No middleware at all. */
    public static final Middlewares NONE = new Middlewares(false, List.of(), Map.of());

    /** Validates the set as a whole (duplicates, sizes) and freezes the collections. */
    public Middlewares {
        basicAuth = List.copyOf(basicAuth);
        // Map.copyOf would lose the order the user gave, which is the order generators print.
        responseHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(responseHeaders,
                "responseHeaders")));
        List<Map.Entry<String, String>> users = new ArrayList<>();
        basicAuth.forEach(u -> users.add(Map.entry(u.username(), u.passwordHash())));
        RouteValidator.throwFirst(RouteValidator.middlewares(users, List.copyOf(responseHeaders.entrySet())));
    }

    /** @return whether there is no middleware at all */
    public boolean isEmpty() {
        return !redirectToHttps && basicAuth.isEmpty() && responseHeaders.isEmpty();
    }
}
