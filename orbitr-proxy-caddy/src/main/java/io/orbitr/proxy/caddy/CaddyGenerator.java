package io.orbitr.proxy.caddy;

import io.orbitr.proxy.Protocol;
import io.orbitr.proxy.ProxyFile;
import io.orbitr.proxy.ProxyGenerator;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import io.orbitr.proxy.RouteProblem;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Caddy 2.6: a {@code Caddyfile} with a site per host ({@code http://} for routes without TLS; ACME with the
 * settings' email, or Caddy's local CA, for the others), prefix routing with named path matchers and
 * {@code uri strip_prefix}, {@code basicauth} and {@code header}; the same routes as caddy-docker-proxy labels; and
 * live reload through the admin API on loopback when the settings name its address.
 *
 * <p>Caddy core has no TCP or UDP proxying (that takes the third-party layer4 plugin), so TCP and UDP routes are
 * refused with an error that says so, never turned into HTTP. Entry points and certificate resolvers are Traefik
 * notions and are ignored here.
 */
public final class CaddyGenerator implements ProxyGenerator {
    /** The provider id. */
    public static final String ID = "caddy";
    /** The name of the file this generator renders. */
    public static final String FILE_NAME = "Caddyfile";
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(30);

    private volatile HttpClient client;

    /** Creates the generator; cheap, as providers must be (the HTTP client is made on the first reload). */
    public CaddyGenerator() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    @Override
    public List<RouteProblem> unsupported(Route route) {
        if (route.protocol().routedByHost()) {
            return List.of();
        }
        return List.of(new RouteProblem("protocol", route.protocol().id(), "Caddy has no layer-4 (TCP/UDP) proxying:"
                + " it needs the third-party caddy-l4 plugin, which Orbitr does not configure; serve this route with"
                + " Traefik"));
    }

    @Override
    public Optional<ProxyFile> render(List<Route> routes, ProxySettings settings) {
        if (routes.isEmpty()) {
            return Optional.empty();
        }
        List<CaddySite> sites = CaddySite.of(resolveAll(routes, settings), settings, CaddySite::fileUpstream);
        return Optional.of(new ProxyFile(FILE_NAME, CaddyfileWriter.write(settings, sites)));
    }

    @Override
    public Map<String, String> containerLabels(List<Route> routes, ProxySettings settings) {
        List<CaddySite> sites = CaddySite.of(resolveAll(routes, settings), settings,
                route -> "{{upstreams " + (route.protocol() == Protocol.HTTPS ? "https " : "")
                        + route.targetPort() + "}}");
        return CaddyLabels.of(sites);
    }

    @Override
    public void reload(Optional<ProxyFile> file, ProxySettings settings) {
        if (settings.adminAddress().isEmpty()) {
            return;
        }
        // With no routes left, load the global options alone: Caddy then serves nothing, and its admin API stays put.
        String caddyfile = file.map(ProxyFile::content).orElseGet(() -> CaddyfileWriter.write(settings, List.of()));
        new CaddyAdmin(settings.adminAddress(), client(), RELOAD_TIMEOUT).load(caddyfile);
    }

    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                            .version(HttpClient.Version.HTTP_1_1).build();
                }
                current = client;
            }
        }
        return current;
    }

    private List<Route> resolveAll(List<Route> routes, ProxySettings settings) {
        requireSupported(routes);
        return settings.resolveAll(routes);
    }
}
