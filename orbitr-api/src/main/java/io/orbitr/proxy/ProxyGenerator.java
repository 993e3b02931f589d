package io.orbitr.proxy;

import io.orbitr.InvalidValueException;
import io.orbitr.spi.Provider;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders routes into one reverse proxy's configuration. One provider per proxy, named by {@link #id()}:
 * {@code traefik}, {@code caddy}. Found by {@link java.util.ServiceLoader}.
 *
 * <p>Generators receive {@link Route}s, whose every value already matches a strict grammar, so they never escape
 * anything. They {@link ProxySettings#resolve(Route) resolve} single-label hosts themselves and refuse sets of routes
 * with {@link RouteValidator#conflicts conflicts}, so a file they render is always one the proxy accepts whole.
 */
public interface ProxyGenerator extends Provider {

    /** @return the name of the file {@link #render} produces ({@code orbitr.yml}, {@code Caddyfile}) */
    String fileName();

    /**
     * What this proxy cannot serve of a route that is valid in itself, for example a TCP route for a proxy without
     * layer-4 support. Nothing by default.
     *
     * @param route a route
     * @return the problems, each naming the field; empty when the proxy can serve the route
     */
    default List<RouteProblem> unsupported(Route route) {
        return List.of();
    }

    /**
     * Refuses the first route this proxy cannot serve.
     *
     * @param routes routes
     * @throws io.orbitr.InvalidValueException naming the field, the value and the route
     */
    default void requireSupported(List<Route> routes) {
        for (Route route : routes) {
            List<RouteProblem> problems = unsupported(route);
            if (!problems.isEmpty()) {
                RouteProblem problem = problems.get(0);
                throw new InvalidValueException(problem.field(), problem.value(),
                        problem.rule() + " (route '" + route.name() + "')");
            }
        }
    }

    /**
     * Renders every route into the proxy's configuration file. Pure: writes nothing; the proxy manager writes the
     * file atomically.
     *
     * @param routes   the routes
     * @param settings the proxy settings (default domain, ACME email, resolver)
     * @return the file, or empty when there are no routes (a proxy file is never written empty)
     * @throws io.orbitr.InvalidValueException when a route is {@link #unsupported} here or a host is too long
     * @throws io.orbitr.ConflictException when two routes clash
     */
    Optional<ProxyFile> render(List<Route> routes, ProxySettings settings);

    /**
     * The same routes as labels for the one container that serves them, in the convention of the proxy's Docker
     * provider. The container is the target: each route's {@code targetHost} is ignored, its port is used.
     *
     * @param routes   the routes served by the container
     * @param settings the proxy settings
     * @return the labels, in a stable order
     * @throws io.orbitr.InvalidValueException when a route is {@link #unsupported} here
     * @throws io.orbitr.ConflictException when two routes clash
     */
    Map<String, String> containerLabels(List<Route> routes, ProxySettings settings);

    /**
     * Asks a running proxy to load the configuration just written, when it cannot notice on its own. Nothing by
     * default (Traefik watches its directory).
     *
     * @param file     the file just written, or empty when the last route was removed and the file deleted
     * @param settings the proxy settings (where the proxy's admin interface listens)
     * @throws io.orbitr.OrbitrException with the proxy's own error text when it rejects the configuration (it keeps
     *     serving the last good one)
     * @throws io.orbitr.UnavailableException when the proxy does not answer
     */
    default void reload(Optional<ProxyFile> file, ProxySettings settings) {
    }
}
