package io.orbitr.core.proxy;

import io.orbitr.ConflictException;
import io.orbitr.DataPaths;
import io.orbitr.InvalidValueException;
import io.orbitr.MissingProviderException;
import io.orbitr.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.core.files.AtomicFiles;
import io.orbitr.UnavailableException;
import io.orbitr.proxy.ProxyFile;
import io.orbitr.proxy.ProxyGenerator;
import io.orbitr.proxy.ProxyManager;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import io.orbitr.proxy.RouteProblem;
import io.orbitr.store.SqlWork;
import io.orbitr.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's {@link ProxyManager}: routes kept in the store, rendered by the configured proxy's generator, written
 * atomically to the output directory, and, for a proxy that needs it (Caddy with an admin address), reloaded.
 * Reach it with {@code orbitr.proxies()}.
 *
 * <pre>{@code
 * ProxyManager proxies = orbitr.proxies();
 * proxies.updateSettings(proxies.settings().toBuilder().defaultDomain("example.com").certResolver("le").build());
 * proxies.create(Route.builder().name("grafana").host("grafana").target("grafana", 3000).tls(true).build());
 * }</pre>
 *
 * <p>Every change goes one way: validate and render every route first (a bad or clashing route is refused before
 * anything is touched), then change the store and write the file inside one transaction, then reload. If the write
 * or the reload fails, the store change is rolled back and the previous file put back, so the store, the file and the
 * running proxy never disagree. With no routes the file is deleted, never left empty. The file is written before the
 * store commits, so a crash in between leaves a file the store does not know; {@link #recover()}, which the platform
 * runs at start, rewrites it from the store. A proxy whose admin API does not
 * answer keeps the change (it reads the file when it starts) and the failure is logged. Thread-safe: changes are
 * serialized.
 */
public final class PlatformProxyManager implements ProxyManager {
    private static final Logger log = LoggerFactory.getLogger(PlatformProxyManager.class);

    private final Store store;
    private final Clock clock;
    private final Path dataDirectory;
    private final Function<String, ProxyGenerator> generators;
    private final AtomicFiles files;
    private final String defaultProvider;
    private volatile SqlWork<Void> announce = connection -> null;

    /**
     * A manager whose provider, until settings are saved, is {@code traefik}.
     *
     * @param store         where routes and settings are kept
     * @param clock         stamps the rows
     * @param dataDirectory what a relative output directory is taken from
     * @param generators    finds a generator by provider id, failing with a
     *                      {@link io.orbitr.MissingProviderException} naming the artifact to add
     */
    public PlatformProxyManager(Store store, Clock clock, Path dataDirectory, Function<String, ProxyGenerator> generators) {
        this(store, clock, dataDirectory, generators, ProxySettings.defaults().provider());
    }

    /**
     * The platform creates the manager; hosts reach it with {@code Orbitr.proxies()}.
     *
     * @param store           where routes and settings are kept
     * @param clock           stamps the rows
     * @param dataDirectory   what a relative output directory is taken from
     * @param generators      finds a generator by provider id, failing with a
     *                        {@link io.orbitr.MissingProviderException} naming the artifact to add
     * @param defaultProvider the provider until settings are saved; see {@link #defaultProvider(Collection)}
     */
    public PlatformProxyManager(Store store, Clock clock, Path dataDirectory, Function<String, ProxyGenerator> generators,
            String defaultProvider) {
        this(store, clock, dataDirectory, generators, defaultProvider, new AtomicFiles());
    }

    PlatformProxyManager(Store store, Clock clock, Path dataDirectory, Function<String, ProxyGenerator> generators,
            AtomicFiles files) {
        this(store, clock, dataDirectory, generators, ProxySettings.defaults().provider(), files);
    }

    PlatformProxyManager(Store store, Clock clock, Path dataDirectory, Function<String, ProxyGenerator> generators,
            String defaultProvider, AtomicFiles files) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        this.generators = Objects.requireNonNull(generators, "generators");
        this.defaultProvider = Objects.requireNonNull(defaultProvider, "defaultProvider");
        this.files = Objects.requireNonNull(files, "files");
    }

    /**
     * The provider a store without saved settings uses: the only generator on the class path when there is exactly
     * one (so a host with only Caddy can create its first route at once), otherwise {@code traefik}.
     *
     * @param available the ids of the generators on the class path
     * @return the default provider id
     */
    public static String defaultProvider(Collection<String> available) {
        return available.size() == 1 ? available.iterator().next() : ProxySettings.defaults().provider();
    }

    /** @return the saved settings, or the defaults when none were saved */
    @Override
    public synchronized ProxySettings settings() {
        return store.read(SettingsStore::read)
                .orElseGet(() -> ProxySettings.defaults().toBuilder().provider(defaultProvider).build());
    }

    /**
     * Saves new settings and rewrites the configuration with them. When the file moves (another provider or output
     * directory), the old file is deleted.
     *
     * @param settings the new settings
     * @throws io.orbitr.MissingProviderException when no generator has the settings' provider id
     * @throws InvalidValueException when a route cannot be served under the new settings (a TCP route with Caddy)
     * @throws ConflictException when routes clash under the new settings (two hosts that resolve alike)
     */
    @Override
    public synchronized void updateSettings(ProxySettings settings) {
        Objects.requireNonNull(settings, "settings");
        Optional<Path> previousFile;
        try {
            previousFile = Optional.of(outputFile(settings()));
        } catch (MissingProviderException | InvalidValueException e) {
            // The old provider is gone from the class path, or the old settings (0.1 let a relative directory climb
            // out of the data directory) are refused now: that file is not Orbitr's to delete, so it is left alone.
            previousFile = Optional.empty();
        }
        Path target = outputFile(settings);
        boolean moves = previousFile.isPresent() && !previousFile.get().equals(target);
        if (moves) {
            store.inTransaction(connection -> {
                SettingsStore.writePendingFile(connection, target, clock.millis());
                return null;
            });
        }
        try {
            change(routes(), settings, previousFile, connection -> {
                SettingsStore.write(connection, settings, clock.millis());
                SettingsStore.clearPendingFile(connection);
                return announce.run(connection);
            });
        } catch (RuntimeException e) {
            if (moves) {
                // The change put the files back itself; only the note is left to clear.
                try {
                    store.inTransaction(connection -> {
                        SettingsStore.clearPendingFile(connection);
                        return null;
                    });
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
    }

    /**
     * Brings the files beside the store back in line with it, as the platform does at every start: a change cut
     * short by a crash may have left the new file written but not committed, a temporary file, or a file written
     * for a new output directory the store never recorded. The store is the truth: temporary files are deleted, an
     * uncommitted moved file is deleted, and a configuration file that differs from what the stored routes render
     * is rewritten (logged at WARN) and the proxy reloaded. A proxy whose generator is not on the class path, or
     * routes that no longer render, are logged and left alone: a start never fails here.
     *
     * @return whether the configuration file had to be rewritten
     */
    @Override
    public synchronized boolean recover() {
        try {
            ProxySettings settings = settings();
            Optional<Path> pending = store.read(SettingsStore::readPendingFile);
            ProxyGenerator generator = generators.apply(settings.provider());
            Path target = outputFile(settings);
            if (pending.isPresent()) {
                Path stray = pending.get();
                if (!stray.equals(target)) {
                    files.removeTemporaries(stray);
                    files.delete(stray);
                    log.warn("deleted {}: a settings change that was moving the proxy file there did not finish",
                            stray);
                }
                store.inTransaction(connection -> {
                    SettingsStore.clearPendingFile(connection);
                    return null;
                });
            }
            files.removeTemporaries(target).forEach(leftover -> log.warn("deleted {}, left by a write of the proxy"
                    + " file that did not finish", leftover));
            List<Route> routes = routes();
            Optional<String> expected = render(generator, routes, settings).map(ProxyFile::content);
            if (files.read(target).equals(expected)) {
                return false;
            }
            log.warn("{} does not match the {} stored routes (a change cut short by a crash, or an edit by hand):"
                    + " rewriting it from the store", target, routes.size());
            change(routes, settings, Optional.empty(), connection -> null);
            return true;
        } catch (MissingProviderException e) {
            if (store.read(RouteStore::list).isEmpty()) {
                log.debug("no proxy generator for the saved settings and no routes: nothing to recover");
            } else {
                log.warn("the proxy file was not checked against the stored routes: {}", e.getMessage());
            }
            return false;
        } catch (OrbitrException e) {
            log.error("could not check the proxy file against the stored routes at start: {}", e.getMessage());
            return false;
        }
    }

    /** @return every route, by name */
    @Override
    public synchronized List<Route> list() {
        return routes();
    }

    /**
     * @param name a route's name
     * @return the route, or empty
     */
    @Override
    public synchronized Optional<Route> find(String name) {
        return routes().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /**
     * Adds a route and rewrites the configuration.
     *
     * @param route the route
     * @return the route
     * @throws ConflictException when a route of that name exists, or another route serves the same host and path
     * @throws InvalidValueException when the proxy cannot serve the route (a TCP route with Caddy)
     * @throws OrbitrException when the file cannot be written or the proxy rejects it; nothing is changed
     */
    @Override
    public synchronized Route create(Route route) {
        Objects.requireNonNull(route, "route");
        List<Route> routes = routes();
        if (routes.stream().anyMatch(r -> r.name().equals(route.name()))) {
            throw new ConflictException("a route named " + route.name() + " already exists: update it, or choose"
                    + " another name");
        }
        routes.add(route);
        change(routes, settings(), Optional.empty(), connection -> {
            RouteStore.insert(connection, route, clock.millis());
            return announce.run(connection);
        });
        log.info("added proxy route {} ({} to {}:{})", route.name(), route.host(), route.targetHost(),
                route.targetPort());
        return route;
    }

    /**
     * Replaces the route of the same name and rewrites the configuration.
     *
     * @param route the route's new definition
     * @return the route
     * @throws NotFoundException when there is no route of that name
     * @throws ConflictException when another route serves the same host and path
     * @throws OrbitrException when the file cannot be written or the proxy rejects it; nothing is changed
     */
    @Override
    public synchronized Route update(Route route) {
        Objects.requireNonNull(route, "route");
        List<Route> routes = routes();
        int index = indexOf(routes, route.name());
        routes.set(index, route);
        change(routes, settings(), Optional.empty(), connection -> {
            RouteStore.update(connection, route, clock.millis());
            return announce.run(connection);
        });
        log.info("updated proxy route {}", route.name());
        return route;
    }

    /**
     * Removes a route and rewrites the configuration (deleting the file when it was the last route).
     *
     * @param name the route's name
     * @throws NotFoundException when there is no route of that name
     */
    @Override
    public synchronized void remove(String name) {
        List<Route> routes = routes();
        routes.remove(indexOf(routes, name));
        change(routes, settings(), Optional.empty(), connection -> {
            RouteStore.delete(connection, name);
            return announce.run(connection);
        });
        log.info("removed proxy route {}", name);
    }

    /**
     * Rewrites the configuration from the stored routes, for example after the file was deleted by hand or the
     * proxy's generator changed with an Orbitr upgrade.
     *
     * @return the file written, or empty when there are no routes (and the file was deleted)
     */
    @Override
    public synchronized Optional<Path> regenerate() {
        List<Route> routes = routes();
        ProxySettings settings = settings();
        change(routes, settings, Optional.empty(), connection -> null);
        return routes.isEmpty() ? Optional.empty() : Optional.of(outputFile(settings));
    }

    /** @return the configuration the stored routes give, without writing it; empty when there are no routes */
    @Override
    public synchronized Optional<ProxyFile> preview() {
        ProxySettings settings = settings();
        return render(generators.apply(settings.provider()), routes(), settings);
    }

    /**
     * @param routes the routes one container serves
     * @return the labels that make the configured proxy's Docker provider serve them
     */
    @Override
    public synchronized Map<String, String> containerLabels(List<Route> routes) {
        ProxySettings settings = settings();
        return generators.apply(settings.provider()).containerLabels(routes, settings);
    }

    @Override
    public synchronized List<RouteProblem> unsupported(Route route) {
        Objects.requireNonNull(route, "route");
        return generators.apply(settings().provider()).unsupported(route);
    }

    /** @return where the configuration file is written under the saved settings */
    @Override
    public synchronized Path outputFile() {
        return outputFile(settings());
    }

    private Path outputFile(ProxySettings settings) {
        // DataPaths keeps a relative directory under the data directory; an absolute one is the user's choice.
        return DataPaths.resolve(dataDirectory, "outputDirectory", settings.outputDirectory())
                .resolve(generators.apply(settings.provider()).fileName()).normalize();
    }

    private List<Route> routes() {
        return new ArrayList<>(store.read(RouteStore::list));
    }

    private static int indexOf(List<Route> routes, String name) {
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new NotFoundException("route", name);
    }

    private static Optional<ProxyFile> render(ProxyGenerator generator, List<Route> routes, ProxySettings settings) {
        generator.requireSupported(routes);
        return generator.render(routes, settings);
    }

    /**
     * Has every change of routes or settings announced, in its transaction, to the other servers that share the
     * store (the platform passes its change feed); they rewrite their own files from the store.
     *
     * @param announcer runs inside each changing transaction
     */
    public void announceChangesWith(SqlWork<Void> announcer) {
        this.announce = Objects.requireNonNull(announcer, "announcer");
    }

    /**
     * Renders the routes, then changes the store and the files in one transaction and reloads the proxy; on any
     * failure after rendering, rolls the store back and puts the files back as they were.
     */
    private void change(List<Route> routes, ProxySettings settings, Optional<Path> previousFile, SqlWork<Void> work) {
        ProxyGenerator generator = generators.apply(settings.provider());
        Optional<ProxyFile> file = render(generator, routes, settings);
        Path target = outputFile(settings);
        Map<Path, Optional<String>> before = new LinkedHashMap<>();
        before.put(target, files.read(target));
        previousFile.filter(p -> !p.equals(target)).ifPresent(p -> before.put(p, files.read(p)));
        boolean[] touched = {false, false};
        try {
            store.inTransaction(connection -> {
                work.run(connection);
                touched[0] = true;
                if (file.isPresent()) {
                    files.write(target, file.get().content());
                } else {
                    files.delete(target);
                }
                before.keySet().stream().filter(p -> !p.equals(target)).forEach(files::delete);
                reload(generator, file, settings);
                touched[1] = true;
                return null;
            });
        } catch (RuntimeException e) {
            if (touched[0]) {
                restore(before, e);
            }
            if (touched[1]) {
                // Reloaded, then the commit failed: give the proxy the old configuration back as well.
                Optional<ProxyFile> old = before.get(target).map(text -> new ProxyFile(generator.fileName(), text));
                try {
                    reload(generator, old, settings);
                } catch (OrbitrException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
        log.debug("{} {} ({} routes)", file.isPresent() ? "wrote" : "removed", target, routes.size());
    }

    private static void reload(ProxyGenerator generator, Optional<ProxyFile> file, ProxySettings settings) {
        try {
            generator.reload(file, settings);
        } catch (UnavailableException e) {
            // The proxy is down: it reads the new file when it starts, so the change stands.
            log.warn("the configuration is written, but the proxy could not be reloaded: {}", e.getMessage());
        }
    }

    private void restore(Map<Path, Optional<String>> before, RuntimeException failure) {
        before.forEach((path, content) -> {
            try {
                files.restore(path, content);
            } catch (OrbitrException e) {
                failure.addSuppressed(e);
                log.error("could not put {} back after a failed change: {}", path, e.getMessage());
            }
        });
    }
}
