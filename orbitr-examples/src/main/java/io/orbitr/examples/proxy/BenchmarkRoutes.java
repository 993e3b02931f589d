package io.orbitr.examples.proxy;

import io.orbitr.proxy.Protocol;
import io.orbitr.proxy.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * The routes the proxy benchmark renders: every HTTP shape both proxies serve, in equal parts (plain, TLS with
 * redirect, a stripped prefix with basic authentication, an HTTPS target with response headers), single-label hosts
 * under the default domain, a few hosts shared by several prefixed routes.
 */
public final class BenchmarkRoutes {
    private static final String HASH = "$2y$10$" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0";

    private BenchmarkRoutes() {
    }

    /**
     * @param count how many routes
     * @return the routes
     */
    public static List<Route> of(int count) {
        List<Route> routes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Route.Builder route = Route.builder().name("app-" + i).target("app-" + i, 8000 + i % 1000);
            switch (i % 4) {
                case 0 -> route.host("app-" + i);
                case 1 -> route.host("app-" + i).tls(true).redirectToHttps(true);
                case 2 -> route.host("shared-" + i % 97).pathPrefix("/api/v" + i).basicAuth("user" + i, HASH)
                        .tls(true);
                default -> route.host("app-" + i).protocol(Protocol.HTTPS).tls(true)
                        .responseHeader("X-Frame-Options", "DENY")
                        .responseHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
            routes.add(route.build());
        }
        return routes;
    }
}
