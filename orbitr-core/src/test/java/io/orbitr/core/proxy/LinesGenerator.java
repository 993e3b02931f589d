package io.orbitr.core.proxy;

import io.orbitr.OrbitrException;
import io.orbitr.proxy.Protocol;
import io.orbitr.proxy.ProxyFile;
import io.orbitr.proxy.ProxyGenerator;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import io.orbitr.proxy.RouteProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A stand-in generator for the core tests (orbitr-core may not depend on the Traefik or Caddy modules): one line per
 * route between a header and a footer that both carry the route count, padded so that a torn write would show. It
 * refuses UDP, and its reload does what the test tells it to.
 */
final class LinesGenerator implements ProxyGenerator {
    static final String ID = "lines";
    final List<Optional<ProxyFile>> reloads = new CopyOnWriteArrayList<>();
    volatile Consumer<Optional<ProxyFile>> onReload = file -> { };
    private final String id;
    private final String fileName;

    LinesGenerator() {
        this(ID, "orbitr.yml");
    }

    LinesGenerator(String id, String fileName) {
        this.id = id;
        this.fileName = fileName;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public List<RouteProblem> unsupported(Route route) {
        return route.protocol() == Protocol.UDP ? List.of(new RouteProblem("protocol", "udp", "lines cannot do udp"))
                : List.of();
    }

    @Override
    public Optional<ProxyFile> render(List<Route> routes, ProxySettings settings) {
        if (routes.isEmpty()) {
            return Optional.empty();
        }
        List<Route> resolved = new ArrayList<>(settings.resolveAll(routes));
        StringBuilder text = new StringBuilder("# begin " + routes.size() + "\n");
        for (Route route : resolved) {
            text.append(route.name()).append(' ').append(route.host()).append(route.pathPrefix()).append(" -> ")
                    .append(route.targetHost()).append(':').append(route.targetPort()).append(' ')
                    .append("x".repeat(2000)).append('\n');
        }
        return Optional.of(new ProxyFile(fileName, text.append("# end ").append(routes.size()).append('\n')
                .toString()));
    }

    @Override
    public Map<String, String> containerLabels(List<Route> routes, ProxySettings settings) {
        return Map.of("lines", String.valueOf(routes.size()));
    }

    @Override
    public void reload(Optional<ProxyFile> file, ProxySettings settings) {
        onReload.accept(file);
        reloads.add(file);
    }

    /** A reload that fails the way Caddy refusing a configuration does. */
    static void reject(Optional<ProxyFile> file) {
        throw new OrbitrException("the proxy rejected the configuration and keeps serving the last good one");
    }
}
