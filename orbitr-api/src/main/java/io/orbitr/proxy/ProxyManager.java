package io.orbitr.proxy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's reverse-proxy routes: kept in the store, rendered by the configured proxy's {@link ProxyGenerator},
 * written atomically to the output directory and, for a proxy that needs it (Caddy with an admin address), reloaded.
 * A host reaches it with {@code orbitr.proxies()}, a plug-in with {@code context.require(ProxyManager.class)}.
 *
 * <pre>{@code
 * ProxyManager proxies = orbitr.proxies();
 * proxies.updateSettings(proxies.settings().toBuilder().defaultDomain("example.com").certResolver("le").build());
 * proxies.create(Route.builder().name("grafana").host("grafana").target("grafana", 3000).tls(true).build());
 * }</pre>
 *
 * <p>Every change goes one way: validate and render every route first (a bad or clashing route is refused before
 * anything is touched), then change the store and write the file, then reload. If the write or the reload fails,
 * the store change is rolled back and the previous file put back, so the store, the file and the running proxy never
 * disagree. With no routes the file is deleted, never left empty. Thread-safe: changes are serialized.
 */
public interface ProxyManager {

    /** @return the saved settings, or the defaults when none were saved */
    ProxySettings settings();

    /**
     * Saves new settings and rewrites the configuration with them. When the file moves (another provider or output
     * directory), the old file is deleted.
     *
     * @param settings the new settings
     * @throws io.orbitr.MissingProviderException when no generator has the settings' provider id
     * @throws io.orbitr.InvalidValueException when a route cannot be served under the new settings (a TCP route
     *                                         with Caddy)
     * @throws io.orbitr.ConflictException when routes clash under the new settings (two hosts that resolve alike)
     */
    void updateSettings(ProxySettings settings);

    /** @return every route, by name */
    List<Route> list();

    /**
     * @param name a route's name
     * @return the route, or empty
     */
    Optional<Route> find(String name);

    /**
     * Adds a route and rewrites the configuration.
     *
     * @param route the route
     * @return the route
     * @throws io.orbitr.ConflictException when a route of that name exists, or another route serves the same host
     *                                     and path
     * @throws io.orbitr.InvalidValueException when the proxy cannot serve the route (a TCP route with Caddy)
     * @throws io.orbitr.OrbitrException when the file cannot be written or the proxy rejects it; nothing is changed
     */
    Route create(Route route);

    /**
     * Replaces the route of the same name and rewrites the configuration.
     *
     * @param route the route's new definition
     * @return the route
     * @throws io.orbitr.NotFoundException when there is no route of that name
     * @throws io.orbitr.ConflictException when another route serves the same host and path
     * @throws io.orbitr.OrbitrException when the file cannot be written or the proxy rejects it; nothing is changed
     */
    Route update(Route route);

    /**
     * Removes a route and rewrites the configuration (deleting the file when it was the last route).
     *
     * @param name the route's name
     * @throws io.orbitr.NotFoundException when there is no route of that name
     */
    void remove(String name);

    /**
     * Rewrites the configuration from the stored routes, for example after the file was deleted by hand or the
     * proxy's generator changed with an Orbitr upgrade.
     *
     * @return the file written, or empty when there are no routes (and the file was deleted)
     */
    Optional<Path> regenerate();

    /**
     * Brings the files beside the store back in line with it, as the platform does at every start: temporary files
     * left by a crash are deleted, and a configuration file that differs from what the stored routes render is
     * rewritten and the proxy reloaded. Never fails: what cannot be checked is logged.
     *
     * @return whether the configuration file had to be rewritten
     */
    boolean recover();

    /** @return the configuration the stored routes give, without writing it; empty when there are no routes */
    Optional<ProxyFile> preview();

    /**
     * @param routes the routes one container serves
     * @return the labels that make the configured proxy's Docker provider serve them
     */
    Map<String, String> containerLabels(List<Route> routes);

    /** @return where the configuration file is written under the saved settings */
    Path outputFile();

    /**
     * What the configured proxy cannot serve of a route that is valid in itself, so that a caller can refuse it before
     * it creates anything else (a TCP route with Caddy, which has no layer-4 proxying).
     *
     * @param route a route
     * @return the problems, each naming the route's field; empty when the configured proxy can serve it
     */
    List<RouteProblem> unsupported(Route route);
}
