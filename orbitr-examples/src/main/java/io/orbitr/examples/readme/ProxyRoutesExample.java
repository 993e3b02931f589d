package io.orbitr.examples.readme;

import io.orbitr.core.Orbitr;
import io.orbitr.proxy.Protocol;
import io.orbitr.proxy.ProxyManager;
import io.orbitr.proxy.Route;
import java.nio.file.Path;

/** The README's "Reverse proxy" example. */
public final class ProxyRoutesExample {

    private ProxyRoutesExample() {
    }

    /**
     * Configures the proxy and adds three routes.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try (Orbitr orbitr = Orbitr.builder().dataDirectory(Path.of("orbitr-data")).build()) {
            ProxyManager proxies = orbitr.proxies();
            proxies.updateSettings(proxies.settings().toBuilder()
                    .provider("traefik")                 // or "caddy"; unsaved, the only generator on the class path
                    .defaultDomain("example.com")        // "grafana" becomes grafana.example.com
                    .certResolver("letsencrypt")         // Traefik: resolver declared in its static configuration
                    .acmeEmail("ops@example.com")        // Caddy: ACME account; without it, Caddy's local CA
                    .build());
            proxies.create(Route.builder().name("grafana").host("grafana").target("grafana", 3000)
                    .tls(true).redirectToHttps(true).build());
            proxies.create(Route.builder().name("api").host("apps").target("api", 8080).tls(true)
                    .pathPrefix("/api")                  // matches /api and /api/..., never /api-old; stripped
                    .basicAuth("admin", "$2y$10$...")     // bcrypt hashes only (htpasswd -nbB, caddy hash-password)
                    .responseHeader("X-Frame-Options", "DENY").build());
            proxies.create(Route.builder().name("postgres").host("db").target("postgres", 5432)
                    .protocol(Protocol.TCP).entryPoints("postgres").build());   // Traefik only
        }
    }
}
