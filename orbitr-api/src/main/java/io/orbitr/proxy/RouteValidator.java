package io.orbitr.proxy;

import io.orbitr.InvalidValueException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks routes against the grammar generated files can carry safely, and sets of routes against each other. Unlike
 * the records, which refuse the first bad value, it lists every problem, so that a command line or a form can show
 * them all at once.
 */
public final class RouteValidator {

    private RouteValidator() {
    }

    /**
     * @param draft a route's values, not yet judged
     * @return every problem of the route, empty when it is valid
     */
    public static List<RouteProblem> validate(Route.Builder draft) {
        List<RouteProblem> problems = route(draft.name, draft.host, draft.targetHost, draft.targetPort, draft.protocol,
                draft.tls, draft.pathPrefix, draft.entryPoints, draft.certResolver, draft.redirectToHttps,
                !draft.basicAuth.isEmpty() || !draft.responseHeaders.isEmpty());
        problems.addAll(middlewares(draft.basicAuth, draft.responseHeaders));
        return problems;
    }

    /**
     * Checks routes against each other as one proxy would serve them: unique names; one route per host and path
     * (TLS TCP routes claim their whole host, since SNI routing sees no paths); one plain-TCP or UDP route per entry
     * point, and no plain-TCP route on an entry point HTTP routes use (its {@code HostSNI(`*`)} router would take all
     * their traffic). Hosts are compared after {@link ProxySettings#resolve(Route) resolution}.
     *
     * @param routes   the routes, each valid on its own
     * @param settings the settings that resolve single-label hosts
     * @return every conflict, each naming the route it clashes with; empty when there is none
     */
    public static List<RouteConflict> conflicts(List<Route> routes, ProxySettings settings) {
        List<RouteConflict> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, String> hostAndPath = new HashMap<>();
        Map<String, String> sniHosts = new HashMap<>();
        Map<String, String> httpHosts = new HashMap<>();
        Map<String, String> layer4EntryPoints = new HashMap<>();
        Map<String, String> httpEntryPoints = new HashMap<>();
        List<Route> resolved = new ArrayList<>();
        Map<Route, Integer> indexes = new java.util.IdentityHashMap<>();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            if (!names.add(route.name())) {
                problems.add(new RouteConflict(i, route.name(), new RouteProblem("name", route.name(),
                        "is used by another route: names are unique")));
                continue;
            }
            try {
                Route served = settings.resolve(route);
                indexes.put(served, i);
                resolved.add(served);
            } catch (InvalidValueException e) {
                problems.add(new RouteConflict(i, route.name(), new RouteProblem(e.field(), e.value(), e.rule())));
            }
        }
        for (Route route : resolved) {
            if (route.protocol().routedByHost()) {
                route.entryPointsOrDefault().forEach(e -> httpEntryPoints.putIfAbsent(e, route.name()));
                if (route.middlewares().redirectToHttps()) {
                    httpEntryPoints.putIfAbsent(Route.DEFAULT_HTTP_ENTRY_POINT, route.name());
                }
            }
        }
        for (Route route : resolved) {
            String where = route.host() + route.pathPrefix();
            if (route.protocol().routedByHost()) {
                String owner = hostAndPath.putIfAbsent(where, route.name());
                String sni = sniHosts.get(route.host());
                if (owner != null) {
                    problems.add(conflict(indexes, route, "host", where, "is already served by route '" + owner
                            + "': two routes cannot share a host and path"));
                } else if (sni != null) {
                    problems.add(conflict(indexes, route, "host", route.host(), "is taken whole by the TLS TCP"
                            + " route '" + sni + "' (SNI routing cannot tell paths apart)"));
                }
                httpHosts.putIfAbsent(route.host(), route.name());
            } else if (route.protocol() == Protocol.TCP && route.tls()) {
                String owner = sniHosts.putIfAbsent(route.host(), route.name());
                String http = httpHosts.get(route.host());
                if (owner != null || http != null) {
                    problems.add(conflict(indexes, route, "host", route.host(), "is already served by route '"
                            + (owner != null ? owner : http) + "': a TLS TCP route takes its host whole"));
                }
            } else {
                for (String entryPoint : route.entryPoints()) {
                    String kind = route.protocol().id();
                    String owner = layer4EntryPoints.putIfAbsent(kind + "/" + entryPoint, route.name());
                    String http = route.protocol() == Protocol.TCP ? httpEntryPoints.get(entryPoint) : null;
                    if (owner != null) {
                        problems.add(conflict(indexes, route, "entryPoints", entryPoint, "already carries the"
                                + " plain " + kind + " route '" + owner + "': each needs an entry point of its own"));
                    } else if (http != null) {
                        problems.add(conflict(indexes, route, "entryPoints", entryPoint, "also carries the HTTP"
                                + " route '" + http + "': a plain TCP router would take all of its traffic"));
                    }
                }
            }
        }
        return problems;
    }

    private static RouteConflict conflict(Map<Route, Integer> indexes, Route route, String field, String value,
            String rule) {
        return new RouteConflict(indexes.get(route), route.name(), new RouteProblem(field, value, rule));
    }

    /** The checks of one route's own values and of their combination. */
    static List<RouteProblem> route(String name, String host, String targetHost, int targetPort, Protocol protocol,
            boolean tls, String pathPrefix, List<String> entryPoints, String certResolver, boolean redirectToHttps,
            boolean otherMiddlewares) {
        List<RouteProblem> problems = new ArrayList<>();
        check(problems, "name", name, RouteRules.name(name));
        check(problems, "host", host, RouteRules.publicHost(host));
        check(problems, "targetHost", targetHost, RouteRules.targetHost(targetHost));
        check(problems, "targetPort", String.valueOf(targetPort), RouteRules.port(targetPort));
        check(problems, "pathPrefix", pathPrefix, RouteRules.pathPrefix(pathPrefix));
        if (entryPoints.size() > RouteRules.MAX_ENTRY_POINTS) {
            problems.add(new RouteProblem("entryPoints", String.valueOf(entryPoints.size()) + " entries",
                    "must hold at most " + RouteRules.MAX_ENTRY_POINTS + " entry points"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entryPoints.size(); i++) {
            String entryPoint = entryPoints.get(i);
            check(problems, "entryPoints[" + i + "]", entryPoint, RouteRules.mixedName(entryPoint));
            if (!seen.add(entryPoint)) {
                problems.add(new RouteProblem("entryPoints[" + i + "]", entryPoint, "is listed twice"));
            }
        }
        if (!certResolver.isEmpty()) {
            check(problems, "certResolver", certResolver, RouteRules.mixedName(certResolver));
        }
        String kind = "a " + protocol.id() + " route";
        if (!protocol.routedByHost()) {
            if (!pathPrefix.isEmpty()) {
                problems.add(new RouteProblem("pathPrefix", pathPrefix, "must be empty for " + kind
                        + ": only HTTP and HTTPS routes are matched by path"));
            }
            if (redirectToHttps || otherMiddlewares) {
                problems.add(new RouteProblem("middlewares", "(set)", "must be empty for " + kind
                        + ": redirects, basic authentication and headers are HTTP features"));
            }
            if (entryPoints.isEmpty() && (protocol == Protocol.UDP || !tls)) {
                String example = protocol == Protocol.UDP ? "--entrypoints.dns.address=:53/udp"
                        : "--entrypoints.postgres.address=:5432";
                problems.add(new RouteProblem("entryPoints", "[]", (protocol == Protocol.UDP ? "a udp route"
                        : "a tcp route without tls") + " needs an entry point of its own, declared in Traefik's"
                        + " static configuration (for example " + example + ")"));
            }
        }
        if (protocol == Protocol.UDP && tls) {
            problems.add(new RouteProblem("tls", "true", "must be false for a udp route"));
        }
        if (redirectToHttps && !tls) {
            problems.add(new RouteProblem("middlewares.redirectToHttps", "true",
                    "needs tls: true (without TLS there is no HTTPS to redirect to)"));
        }
        if (!certResolver.isEmpty() && !tls) {
            problems.add(new RouteProblem("certResolver", certResolver, "needs tls: true"));
        }
        return problems;
    }

    /** The checks of a route's basic-auth users and response headers. */
    static List<RouteProblem> middlewares(List<Map.Entry<String, String>> users,
            List<Map.Entry<String, String>> headers) {
        List<RouteProblem> problems = new ArrayList<>();
        if (users.size() > RouteRules.MAX_USERS) {
            problems.add(new RouteProblem("middlewares.basicAuth", users.size() + " users",
                    "must hold at most " + RouteRules.MAX_USERS + " users"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            String field = "middlewares.basicAuth[" + i + "]";
            Map.Entry<String, String> user = users.get(i);
            problems.addAll(user(field + ".", user.getKey(), user.getValue()));
            if (!names.add(user.getKey())) {
                problems.add(new RouteProblem(field + ".username", user.getKey(), "is listed twice"));
            }
        }
        if (headers.size() > RouteRules.MAX_HEADERS) {
            problems.add(new RouteProblem("middlewares.responseHeaders", headers.size() + " headers",
                    "must hold at most " + RouteRules.MAX_HEADERS + " headers"));
        }
        Set<String> headerNames = new HashSet<>();
        for (int i = 0; i < headers.size(); i++) {
            String field = "middlewares.responseHeaders[" + i + "]";
            Map.Entry<String, String> header = headers.get(i);
            check(problems, field + ".name", header.getKey(), RouteRules.headerName(header.getKey()));
            check(problems, field + ".value", header.getValue(), RouteRules.headerValue(header.getValue()));
            if (!headerNames.add(header.getKey().toLowerCase(Locale.ROOT))) {
                problems.add(new RouteProblem(field + ".name", header.getKey(),
                        "is listed twice (header names ignore case)"));
            }
        }
        return problems;
    }

    /** The checks of one basic-auth user; the hash itself is never echoed into a message. */
    static List<RouteProblem> user(String prefix, String username, String passwordHash) {
        List<RouteProblem> problems = new ArrayList<>();
        check(problems, prefix + "username", username, RouteRules.username(username));
        String rule = RouteRules.bcryptHash(passwordHash);
        if (rule != null) {
            problems.add(new RouteProblem(prefix + "passwordHash", abbreviate(passwordHash), rule));
        }
        return problems;
    }

    /** Throws the first problem, if any, as the exception a single bad value raises. */
    static void throwFirst(List<RouteProblem> problems) {
        if (!problems.isEmpty()) {
            throw problems.get(0).toException();
        }
    }

    private static void check(List<RouteProblem> problems, String field, String value, String rule) {
        if (rule != null) {
            problems.add(new RouteProblem(field, value, rule));
        }
    }

    /** A wrong hash may be a pasted password: show only its start and length. */
    private static String abbreviate(String secret) {
        return secret.length() <= 4 ? "(" + secret.length() + " characters)"
                : secret.substring(0, 4) + "... (" + secret.length() + " characters)";
    }
}
