package io.orbitr.proxy.caddy;

import io.orbitr.proxy.BasicAuthUser;
import io.orbitr.proxy.Protocol;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One Caddyfile site: an address ({@code app.example.com}, or {@code http://app.example.com} without TLS) and the
 * directives that serve its routes. Routes of one host and TLS setting share a site, since Caddy refuses the same
 * address twice. A site with a single route for the whole host holds that route's directives directly; otherwise
 * each route is a {@code handle} on a named path matcher ({@code @api path /api /api/*}, which matches {@code /api}
 * and {@code /api/...} but not {@code /api-old}), longest prefix first because Caddy keeps named-matcher handles in
 * file order, and the host's root route, or a 404, comes last.
 *
 * @param address    the site address
 * @param directives the site's directives
 */
record CaddySite(String address, List<CaddyDirective> directives) {

    /**
     * @param routes   resolved routes, all HTTP or HTTPS
     * @param settings the settings, for the ACME email
     * @param upstream how a route's target is written ({@code web:8080} in a file, {@code {{upstreams 8080}}} in a
     *                 label)
     * @return the sites, ordered by address
     */
    static List<CaddySite> of(List<Route> routes, ProxySettings settings, Function<Route, String> upstream) {
        Map<String, List<Route>> byAddress = new TreeMap<>();
        for (Route route : routes) {
            String address = route.tls() ? route.host() : "http://" + route.host();
            byAddress.computeIfAbsent(address, a -> new ArrayList<>()).add(route);
        }
        List<CaddySite> sites = new ArrayList<>(byAddress.size());
        byAddress.forEach((address, members) -> sites.add(site(address, members, settings, upstream)));
        return sites;
    }

    private static CaddySite site(String address, List<Route> routes, ProxySettings settings,
            Function<Route, String> upstream) {
        List<CaddyDirective> directives = new ArrayList<>();
        Route first = routes.get(0);
        if (first.tls()) {
            directives.add(CaddyDirective.line("tls", tlsIssuer(first.host(), settings.acmeEmail())));
        }
        if (routes.size() == 1 && !first.hasPathPrefix()) {
            directives.addAll(body(first, upstream));
            return new CaddySite(address, directives);
        }
        List<Route> ordered = new ArrayList<>(routes);
        ordered.sort(Comparator.comparingInt((Route r) -> -r.pathPrefix().length()).thenComparing(Route::name));
        boolean hasRoot = false;
        for (Route route : ordered) {
            if (route.hasPathPrefix()) {
                String matcher = "@" + route.name();
                directives.add(new CaddyDirective(matcher, "", List.of(CaddyDirective.line("path",
                        route.pathPrefix() + " " + route.pathPrefix() + "/*"))));
                directives.add(new CaddyDirective("handle", matcher, body(route, upstream)));
            } else {
                hasRoot = true;
                directives.add(new CaddyDirective("handle", "", body(route, upstream)));
            }
        }
        if (!hasRoot) {
            // Caddy answers an unmatched request with an empty 200; a proxy should say there is nothing here.
            directives.add(new CaddyDirective("handle", "", List.of(CaddyDirective.line("respond", "404"))));
        }
        return new CaddySite(address, directives);
    }

    /** What serves one route: strip, headers, authentication, then the proxy (Caddy orders them the same way). */
    private static List<CaddyDirective> body(Route route, Function<Route, String> upstream) {
        List<CaddyDirective> body = new ArrayList<>();
        if (route.hasPathPrefix()) {
            body.add(CaddyDirective.line("uri", "strip_prefix " + route.pathPrefix()));
        }
        for (Map.Entry<String, String> header : route.middlewares().responseHeaders().entrySet()) {
            // Header values may hold spaces and ';': quoted, and validated to hold no '"', '\' or braces.
            body.add(CaddyDirective.line("header", header.getKey() + " \"" + header.getValue() + "\""));
        }
        if (!route.middlewares().basicAuth().isEmpty()) {
            List<CaddyDirective> users = new ArrayList<>();
            for (BasicAuthUser user : route.middlewares().basicAuth()) {
                users.add(CaddyDirective.line(user.username(), user.passwordHash()));
            }
            // "basicauth": Caddy 2.6 does not know the later name "basic_auth".
            body.add(new CaddyDirective("basicauth", "", users));
        }
        body.add(CaddyDirective.line("reverse_proxy", upstream.apply(route)));
        return body;
    }

    /**
     * ACME with the account email for names that can get a public certificate; Caddy's local CA otherwise, and when
     * there is no email to register with.
     */
    private static String tlsIssuer(String host, String acmeEmail) {
        return acmeEmail.isEmpty() || !publiclyCertifiable(host) ? "internal" : acmeEmail;
    }

    /** Names no public CA will certify: single labels, IPs and the special-use suffixes Caddy knows. */
    static boolean publiclyCertifiable(String host) {
        String name = host.startsWith("*.") ? host.substring(2) : host;
        if (name.indexOf('.') < 0 || name.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return false;
        }
        for (String suffix : List.of(".localhost", ".local", ".internal", ".home.arpa", ".test", ".invalid")) {
            if (name.endsWith(suffix)) {
                return false;
            }
        }
        return true;
    }

    /** @return {@code host:port} for a file, with an IPv6 host in brackets and {@code https://} for HTTPS targets */
    static String fileUpstream(Route route) {
        String host = route.targetHost().indexOf(':') >= 0 ? "[" + route.targetHost() + "]" : route.targetHost();
        return (route.protocol() == Protocol.HTTPS ? "https://" : "") + host + ":" + route.targetPort();
    }
}
