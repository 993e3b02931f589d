package io.orbitr.proxy.traefik;

import io.orbitr.proxy.Middlewares;
import io.orbitr.proxy.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dynamic configuration of a set of routes as a tree of maps, in the file provider's shape: {@code http},
 * {@code tcp} and {@code udp} sections with their routers, services and middlewares. Sections that would be empty are
 * left out. The tree is written as YAML by {@link YamlWriter} and flattened into Docker labels by
 * {@link TraefikLabels}.
 */
final class TraefikConfig {
    private final Map<String, Object> httpRouters = new LinkedHashMap<>();
    private final Map<String, Object> httpServices = new LinkedHashMap<>();
    private final Map<String, Object> httpMiddlewares = new LinkedHashMap<>();
    private final Map<String, Object> tcpRouters = new LinkedHashMap<>();
    private final Map<String, Object> tcpServices = new LinkedHashMap<>();
    private final Map<String, Object> udpRouters = new LinkedHashMap<>();
    private final Map<String, Object> udpServices = new LinkedHashMap<>();
    private final String defaultResolver;

    /** @param defaultResolver the settings' certificate resolver, empty for Traefik's default certificate */
    TraefikConfig(String defaultResolver) {
        this.defaultResolver = defaultResolver;
    }

    /** Adds one resolved route. */
    void add(Route route) {
        switch (route.protocol()) {
            case HTTP, HTTPS -> addHttp(route);
            case TCP -> addTcp(route);
            case UDP -> addUdp(route);
        }
    }

    private void addHttp(Route route) {
        String name = route.name();
        String rule = TraefikRules.httpRule(route);
        Middlewares middlewares = route.middlewares();
        List<Object> chain = new ArrayList<>(3);
        if (!middlewares.responseHeaders().isEmpty()) {
            chain.add(name + TraefikRules.HEADERS);
            httpMiddlewares.put(name + TraefikRules.HEADERS,
                    map("headers", map("customResponseHeaders", new LinkedHashMap<>(middlewares.responseHeaders()))));
        }
        if (!middlewares.basicAuth().isEmpty()) {
            chain.add(name + TraefikRules.AUTH);
            List<Object> users = new ArrayList<>(middlewares.basicAuth().size());
            middlewares.basicAuth().forEach(u -> users.add(u.username() + ":" + u.passwordHash()));
            httpMiddlewares.put(name + TraefikRules.AUTH, map("basicAuth", map("users", users)));
        }
        if (route.hasPathPrefix()) {
            chain.add(name + TraefikRules.STRIP);
            httpMiddlewares.put(name + TraefikRules.STRIP,
                    map("stripPrefix", map("prefixes", List.of(route.pathPrefix()))));
        }
        Map<String, Object> router = router(route, rule, route.entryPointsOrDefault());
        if (!chain.isEmpty()) {
            router.put("middlewares", chain);
        }
        if (route.tls()) {
            router.put("tls", tls(route));
        }
        httpRouters.put(name, router);
        if (middlewares.redirectToHttps()) {
            Map<String, Object> redirect = router(route, rule, List.of(Route.DEFAULT_HTTP_ENTRY_POINT));
            redirect.put("middlewares", List.of(name + TraefikRules.REDIRECT));
            httpRouters.put(name + TraefikRules.HTTP_ROUTER, redirect);
            Map<String, Object> scheme = new LinkedHashMap<>();
            scheme.put("scheme", "https");
            scheme.put("permanent", true);
            httpMiddlewares.put(name + TraefikRules.REDIRECT, map("redirectScheme", scheme));
        }
        httpServices.put(name, loadBalancer("url", TraefikRules.url(route)));
    }

    private void addTcp(Route route) {
        Map<String, Object> router = router(route, TraefikRules.tcpRule(route), route.entryPointsOrDefault());
        if (route.tls()) {
            router.put("tls", tls(route));
        }
        tcpRouters.put(route.name(), router);
        tcpServices.put(route.name(), loadBalancer("address", TraefikRules.address(route)));
    }

    private void addUdp(Route route) {
        // A UDP router has no rule at all: Traefik refuses one.
        Map<String, Object> router = new LinkedHashMap<>();
        router.put("entryPoints", new ArrayList<Object>(route.entryPoints()));
        router.put("service", route.name());
        udpRouters.put(route.name(), router);
        udpServices.put(route.name(), loadBalancer("address", TraefikRules.address(route)));
    }

    private static Map<String, Object> router(Route route, String rule, List<String> entryPoints) {
        Map<String, Object> router = new LinkedHashMap<>();
        router.put("entryPoints", new ArrayList<Object>(entryPoints));
        router.put("rule", rule);
        int priority = TraefikRules.priority(route, rule);
        if (priority > 0) {
            router.put("priority", priority);
        }
        router.put("service", route.name());
        return router;
    }

    private Map<String, Object> tls(Route route) {
        String resolver = route.certResolver().isEmpty() ? defaultResolver : route.certResolver();
        Map<String, Object> tls = new LinkedHashMap<>();
        if (resolver.isEmpty()) {
            // "tls: {}" would be an empty map; naming the default options says the same and is accepted.
            tls.put("options", "default");
        } else {
            tls.put("certResolver", resolver);
            if (route.host().startsWith("*.")) {
                // A regexp rule names no domain: tell the resolver which certificate to get (DNS challenge).
                tls.put("domains", List.of(map("main", route.host())));
            }
        }
        return tls;
    }

    private static Map<String, Object> loadBalancer(String key, String value) {
        return map("loadBalancer", map("servers", List.of(map(key, value))));
    }

    private static Map<String, Object> map(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>(2);
        map.put(key, value);
        return map;
    }

    /** @return whether no route was added */
    boolean isEmpty() {
        return httpRouters.isEmpty() && tcpRouters.isEmpty() && udpRouters.isEmpty();
    }

    /** @return the {@code http}, {@code tcp} and {@code udp} sections that have routers */
    Map<String, Object> tree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        section(tree, "http", httpRouters, httpServices, httpMiddlewares);
        section(tree, "tcp", tcpRouters, tcpServices, Map.of());
        section(tree, "udp", udpRouters, udpServices, Map.of());
        return tree;
    }

    private static void section(Map<String, Object> tree, String name, Map<String, Object> routers,
            Map<String, Object> services, Map<String, Object> middlewares) {
        if (routers.isEmpty()) {
            return;
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("routers", routers);
        section.put("services", services);
        if (!middlewares.isEmpty()) {
            section.put("middlewares", middlewares);
        }
        tree.put(name, section);
    }
}
