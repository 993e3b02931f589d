package io.orbitr.core.extension;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.health.HealthMonitor;
import io.orbitr.proxy.ProxyManager;
import io.orbitr.engine.ContainerDetails;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerHealth;
import io.orbitr.engine.ContainerQuery;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.ContainerStatus;
import io.orbitr.engine.ContainerSummary;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.Engines;
import io.orbitr.engine.NetworkSpec;
import io.orbitr.PageRequest;
import io.orbitr.engine.PortBinding;
import io.orbitr.engine.PullListener;
import io.orbitr.engine.VolumeSpec;
import io.orbitr.extension.CatalogEntry;
import io.orbitr.extension.Deployment;
import io.orbitr.extension.ExtensionCheck;
import io.orbitr.extension.ExtensionManager;
import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.ExtensionProgress;
import io.orbitr.extension.ExtensionRoute;
import io.orbitr.extension.ExtensionState;
import io.orbitr.extension.ExtensionStatus;
import io.orbitr.extension.ExtensionVolume;
import io.orbitr.extension.GeneratedSecret;
import io.orbitr.extension.InputField;
import io.orbitr.extension.InstallOptions;
import io.orbitr.extension.InstalledExtension;
import io.orbitr.extension.InvalidManifestException;
import io.orbitr.extension.ManifestProblem;
import io.orbitr.extension.ServiceStatus;
import io.orbitr.extension.VolumeKind;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import io.orbitr.Page;
import io.orbitr.health.TargetStatus;
import io.orbitr.secret.SecretBox;
import io.orbitr.proxy.BasicAuthUser;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import io.orbitr.proxy.RouteProblem;
import io.orbitr.proxy.SubdomainScheme;
import io.orbitr.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's {@link ExtensionManager}: manifests in, containers, health targets and proxy routes out, every step
 * journaled in the store. Reach it with {@code orbitr.extensions()}.
 *
 * <p>Install goes one way: validate everything (manifest, inputs, dependencies, leftover resources, host ports, routes,
 * images), record the install as {@code INSTALLING}, then create the network, volumes, data directory and containers,
 * start them in dependency order, wait until the main service is healthy, register the health targets and create the
 * routes. Each resource is journaled before it is created; a failure removes what the journal names, and
 * {@link #recover()} does the same for an install a crash interrupted. Data volumes that already existed (kept by an
 * earlier uninstall) are reused and never journaled, so a failed install never removes data. Thread-safe: changes are
 * serialized.
 *
 * <p>Each extension runs on the engine endpoint its install named, kept in its row: every later operation goes to
 * that endpoint, its {@code docker} checks name it, and on an endpoint that is another machine the route and the
 * default checks reach the main service through its published port there (see {@link ExtensionEngine}).
 */
public final class PlatformExtensionManager implements ExtensionManager {
    private static final Logger log = LoggerFactory.getLogger(PlatformExtensionManager.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** How long removed services' tasks may take to leave their overlay network. */
    private static final Duration NETWORK_RELEASE = Duration.ofSeconds(60);
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);
    private static final String KIND_LABEL = "io.orbitr.extension.volume-kind";

    private final InstallStore installs;
    private final Engines engines;
    private final HealthMonitor health;
    private final ProxyManager proxies;
    private final Path dataDirectory;
    private final ExtensionSettings settings;
    private final ExtensionCatalog catalog;
    private final SecretGenerator secretGenerator = new SecretGenerator();
    private final Object lock = new Object();

    /**
     * The platform creates the manager; hosts reach it with {@code Orbitr.extensions()}.
     *
     * @param store         where installs and their journal are kept (migrated with {@link ExtensionSchema})
     * @param clock         stamps the rows
     * @param dataDirectory under which each extension's data directory is created
     * @param engines       the engine endpoints; each extension runs on the one its install named
     * @param health        the health monitor
     * @param proxies       the proxy routes
     * @param settings      catalog directories, route targets, settle time, pulls
     * @param secrets       seals the generated secrets at rest
     */
    public PlatformExtensionManager(Store store, Clock clock, Path dataDirectory, Engines engines,
            HealthMonitor health, ProxyManager proxies, ExtensionSettings settings, SecretBox secrets) {
        this.installs = new InstallStore(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(secrets, "secrets"));
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        this.engines = Objects.requireNonNull(engines, "engines");
        this.health = Objects.requireNonNull(health, "health");
        this.proxies = Objects.requireNonNull(proxies, "proxies");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.catalog = ExtensionCatalog.load(settings.catalogDirectories());
    }

    // --- manifests and catalog ---

    @Override
    public ExtensionManifest parse(String text, String source) {
        return ManifestReader.read(Objects.requireNonNull(text, "text"), Objects.requireNonNull(source, "source"));
    }

    @Override
    public List<ManifestProblem> validate(ExtensionManifest manifest) {
        return ManifestValidator.validate(Objects.requireNonNull(manifest, "manifest"));
    }

    @Override
    public Page<CatalogEntry> catalog(int limit, Optional<String> after) {
        requireLimit(limit);
        List<CatalogEntry> rest = catalog.all().stream().filter(e -> after.isEmpty() || e.id().compareTo(after.get()) > 0)
                .toList();
        List<CatalogEntry> items = rest.subList(0, Math.min(limit, rest.size()));
        return new Page<>(items, rest.size() > limit ? Optional.of(items.get(items.size() - 1).id()) : Optional.empty());
    }

    @Override
    public List<CatalogEntry> search(String text, Optional<String> category) {
        return catalog.search(Objects.requireNonNull(text, "text"), Objects.requireNonNull(category, "category"));
    }

    @Override
    public Optional<CatalogEntry> show(String id) {
        return catalog.find(Objects.requireNonNull(id, "id"));
    }

    // --- install ---

    @Override
    public InstalledExtension install(ExtensionManifest manifest, Map<String, String> inputs,
            InstallOptions options) {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(options, "options");
        ExtensionProgress progress = options.progress();
        engines.requireConfigured("engine", options.engine());
        List<ManifestProblem> problems = new ArrayList<>(ManifestValidator.validate(manifest));
        Map<String, String> inputValues = InputValues.resolve(manifest, inputs, problems);
        problems.addAll(routeProblems(manifest));
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(manifest.id(), problems);
        }
        String id = manifest.id();
        synchronized (lock) {
            Optional<InstallRecord> existing = installs.find(id);
            if (existing.isPresent()) {
                throw new ConflictException("extension " + id + " is already installed (" + existing.get().state()
                        .name().toLowerCase(java.util.Locale.ROOT) + "): upgrade it, or uninstall it first");
            }
            requireDependencies(manifest, options.engine());
            Map<String, String> secrets = new LinkedHashMap<>();
            for (GeneratedSecret secret : manifest.generated()) {
                secrets.put(secret.name(), secretGenerator.generate(secret));
            }
            Map<String, String> values = values(manifest, inputValues, secrets);
            Map<String, ContainerSpec> specs = ContainerPlan.of(manifest, values);
            ExtensionEngine place = engine(options.engine(), id);
            boolean services = options.deployment() == Deployment.SERVICES;
            if (services) {
                SwarmServices.require(place, manifest, specs);
            } else {
                requireReachable(place, manifest, specs);
            }
            ContainerEngine client = place.client();
            progress.step(id, "checking host ports, routes and images"
                    + (place.name().equals(EngineSettings.LOCAL) ? "" : " on engine " + place.name()));
            preflight(manifest, specs, place, progress);

            InstallRecord record = new InstallRecord(manifest, Optional.empty(), ExtensionState.INSTALLING, inputValues,
                    secrets, installs.now(), installs.now(), place.name(), options.deployment());
            installs.insert(record);
            try {
                createResources(manifest, client, progress, services);
                Reach reach;
                if (services) {
                    createServices(manifest, specs, place, progress);
                    reach = serviceReach(place, manifest, specs);
                } else {
                    startContainers(manifest, specs, client, progress, true);
                    progress.step(id, "waiting for " + manifest.main() + " to be healthy");
                    awaitStarted(manifest, specs, place);
                    reach = reach(place, manifest, specs);
                }
                registerTargets(manifest, values, place, reach, true);
                createRoutes(manifest, place, reach, true);
                InstallRecord done = record.with(ExtensionState.RUNNING, installs.now());
                installs.update(done);
                installs.clearJournal(id);
                progress.step(id, "installed");
                log.info("installed extension {} {} ({} services, as {}) on engine {}", id, manifest.version(),
                        specs.size(), options.deployment().name().toLowerCase(java.util.Locale.ROOT), place.name());
                return installed(done);
            } catch (RuntimeException e) {
                progress.step(id, "failed, undoing: " + e.getMessage());
                log.warn("install of extension {} failed, undoing it: {}", id, e.getMessage());
                undo(id, client);
                installs.delete(id);
                throw e;
            }
        }
    }

    /**
     * What keeps the configured proxy from serving the manifest's route, found before anything is created rather than
     * when the route is added after the containers run: a TCP or UDP route for a proxy without layer-4 proxying
     * (Caddy), or a plain TCP or UDP route, which needs an entry point of its own that a manifest cannot declare.
     */
    private List<ManifestProblem> routeProblems(ExtensionManifest manifest) {
        if (manifest.route().isEmpty()) {
            return List.of();
        }
        ExtensionRoute route = manifest.route().get();
        String provider = proxies.settings().provider();
        String kind = "a " + route.protocol().id() + (route.tls() ? " route with tls" : " route");
        List<Route> routes;
        try {
            routes = routes(manifest, Names.container(manifest.id(), manifest.main()));
        } catch (InvalidValueException e) {
            String rule = e.field().equals("entryPoints")
                    ? kind + " needs an entry point of its own in the proxy, which a manifest cannot declare; use"
                    + " tls: true (a TCP route is then matched by its TLS server name, on Traefik) or publish the"
                    + " port with services." + manifest.main() + ".ports instead"
                    : e.getMessage();
            return List.of(new ManifestProblem(e.field().equals("entryPoints") ? "route.protocol" : "route", rule));
        }
        List<ManifestProblem> problems = new ArrayList<>();
        for (Route each : routes) {
            for (RouteProblem problem : proxies.unsupported(each)) {
                problems.add(new ManifestProblem("route." + problem.field(), "the configured proxy (" + provider
                        + ") cannot serve " + kind + ": " + problem.rule()));
            }
        }
        return problems.stream().distinct().toList();
    }

    private void requireDependencies(ExtensionManifest manifest, String engineName) {
        List<String> missing = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        for (String dependency : manifest.dependsOn()) {
            Optional<InstallRecord> record = installs.find(dependency);
            if (record.isEmpty() || record.get().state() == ExtensionState.INSTALLING
                    || record.get().state() == ExtensionState.REMOVING) {
                missing.add(dependency);
            } else if (!record.get().engine().equals(engineName)) {
                elsewhere.add(dependency + " (on engine " + record.get().engine() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new NotFoundException("installed extension", String.join(", ", missing) + " (" + manifest.id()
                    + " depends on it): install " + String.join(", ", missing) + " first");
        }
        if (!elsewhere.isEmpty()) {
            // A dependant's containers join its dependencies' networks, which exist on one engine only.
            throw new ConflictException("cannot install " + manifest.id() + " on engine " + engineName + ": it"
                    + " depends on " + String.join(", ", elsewhere) + ", and an extension runs on the engine of what"
                    + " it depends on; install it there");
        }
    }

    /**
     * On an endpoint that is another machine, the proxy and the checks reach the main service through the port it
     * publishes there: a route whose port is not published (or only on the engine host's loopback) cannot be served.
     */
    private static void requireReachable(ExtensionEngine place, ExtensionManifest manifest,
            Map<String, ContainerSpec> specs) {
        if (!place.remote() || manifest.route().isEmpty()) {
            return;
        }
        ExtensionRoute route = manifest.route().get();
        String at = "services." + manifest.main() + ".ports";
        Optional<ExtensionEngine.Upstream> upstream = place.published(specs.get(manifest.main()), route);
        String where = "engine " + place.name() + " runs on another machine (" + place.remoteHost().orElseThrow()
                + "), where the proxy reaches " + manifest.main() + " through a published port";
        if (upstream.isEmpty()) {
            throw new InvalidManifestException(manifest.id(), List.of(new ManifestProblem(at, where
                    + ": publish the route's port " + route.port() + " (for example \"" + route.port() + ":"
                    + route.port() + "\")")));
        }
        if (upstream.get().loopback()) {
            throw new InvalidManifestException(manifest.id(), List.of(new ManifestProblem(at, where
                    + ": port " + route.port() + " is published on that machine's loopback address "
                    + upstream.get().host() + ", which this host cannot reach; publish it on every address")));
        }
    }

    /** Everything that can be known before anything is created; each kind of problem lists all of its cases. */
    private void preflight(ExtensionManifest manifest, Map<String, ContainerSpec> specs, ExtensionEngine place,
            ExtensionProgress progress) {
        String id = manifest.id();
        ContainerEngine client = place.client();
        List<String> conflicts = new ArrayList<>();
        if (!manifest.architectures().isEmpty()) {
            String engineArchitecture = architecture(client.info().architecture());
            if (!manifest.architectures().contains(engineArchitecture)) {
                conflicts.add(id + " is built for " + manifest.architectures() + ", the engine runs on "
                        + engineArchitecture);
            }
        }
        for (ContainerSpec spec : specs.values()) {
            String name = spec.name().orElseThrow();
            if (client.containers().find(name).isPresent()) {
                conflicts.add("container " + name + " already exists: remove it, it is not part of an installed"
                        + " extension");
            }
        }
        try {
            client.networks().inspect(Names.network(id));
            conflicts.add("network " + Names.network(id) + " already exists: remove it first");
        } catch (NotFoundException expected) {
            // free
        }
        specs.forEach((service, spec) -> {
            for (PortBinding port : spec.ports()) {
                if (port.isPublished() && !hostPortFree(place, port)) {
                    conflicts.add("host port " + port.hostPort() + "/" + port.protocol().engineName()
                            + " (services." + service + ".ports) is already in use: choose another one");
                }
            }
        });
        List<Route> routes = routes(manifest, Names.container(id, manifest.main()));
        for (Route route : routes) {
            if (proxies.find(route.name()).isPresent()) {
                conflicts.add("a proxy route named " + route.name() + " already exists: remove it first");
            }
        }
        if (!routes.isEmpty()) {
            List<Route> all = new ArrayList<>(proxies.list());
            all.addAll(routes);
            try {
                proxies.settings().resolveAll(all);
            } catch (ConflictException e) {
                conflicts.add("the route of " + id + " is already served: " + e.getMessage());
            } catch (InvalidValueException e) {
                conflicts.add("the route of " + id + " cannot be served: " + e.getMessage());
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ConflictException("cannot install " + id + ": " + String.join("; ", conflicts));
        }
        List<String> missing = new ArrayList<>();
        for (String image : new LinkedHashSet<>(specs.values().stream().map(ContainerSpec::image).toList())) {
            try {
                client.images().inspect(image);
            } catch (NotFoundException absent) {
                if (!settings.pullMissingImages()) {
                    missing.add(image);
                    continue;
                }
                progress.step(id, "pulling " + image);
                try {
                    int slash = image.lastIndexOf('/');
                    int colon = image.lastIndexOf(':');
                    boolean tagged = colon > slash;
                    client.images().pull(tagged ? image.substring(0, colon) : image,
                            tagged ? image.substring(colon + 1) : "latest", PullListener.NONE, PULL_TIMEOUT);
                } catch (OrbitrException e) {
                    missing.add(image + " (pull failed: " + e.getMessage() + ")");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new NotFoundException("local image", String.join(", ", missing) + " (needed by " + id
                    + "): load or pull it first");
        }
    }

    /**
     * On this machine, whether the port can be bound; on another machine's engine, whether nothing accepts TCP
     * connections on it there (what cannot be probed from here is left to the engine, which refuses a taken port).
     */
    private static boolean hostPortFree(ExtensionEngine place, PortBinding port) {
        if (!place.remote()) {
            return PortProbe.free(port.hostIp(), port.hostPort(), port.protocol());
        }
        if (port.protocol() == PortBinding.Protocol.UDP || ExtensionEngine.loopback(port.hostIp())) {
            // Neither a UDP port nor the engine host's own loopback can be probed from here.
            return true;
        }
        String host = ExtensionEngine.wildcard(port.hostIp()) ? place.remoteHost().orElseThrow() : port.hostIp();
        return !PortProbe.accepts(host, port.hostPort());
    }

    /**
     * Creates (journaled) one swarm service per manifest service and waits until each runs its task and the routed
     * port accepts connections, within the start period (and the settle time). Swarm does not order services:
     * {@code depends_on} between an extension's services is not enforced here.
     */
    private void createServices(ExtensionManifest manifest, Map<String, ContainerSpec> specs, ExtensionEngine place,
            ExtensionProgress progress) {
        String id = manifest.id();
        io.orbitr.engine.swarm.Swarm swarm = place.client().swarm();
        Map<String, io.orbitr.engine.swarm.ServiceSpec> plan = SwarmServices.plan(manifest, specs);
        for (io.orbitr.engine.swarm.ServiceSpec spec : plan.values()) {
            progress.step(id, "creating service " + spec.name());
            journal(id, JournalStep.Kind.SERVICE, spec.name());
            swarm.create(spec);
        }
        progress.step(id, "waiting for the services' tasks to run");
        Duration bound = manifest.health().startPeriod().plus(settings.settle());
        long deadline = System.nanoTime() + bound.toNanos();
        SwarmServices.awaitRunning(swarm, plan.values().stream().map(io.orbitr.engine.swarm.ServiceSpec::name)
                .toList(), bound);
        Optional<ExtensionEngine.Upstream> upstream = SwarmServices.upstream(place, manifest, specs);
        if (upstream.isPresent() && manifest.route().get().protocol() != io.orbitr.proxy.Protocol.UDP) {
            while (!PortProbe.accepts(upstream.get().host(), upstream.get().port())) {
                if (System.nanoTime() > deadline) {
                    throw new OrbitrException("the main service " + manifest.main() + " of " + id + " runs, but its"
                            + " published port " + upstream.get().host() + ":" + upstream.get().port()
                            + " did not accept connections within " + bound.toSeconds() + " s");
                }
                sleep();
            }
        }
    }

    private static Reach serviceReach(ExtensionEngine place, ExtensionManifest manifest,
            Map<String, ContainerSpec> specs) {
        return new Reach(place.remoteHost().orElse("127.0.0.1"), SwarmServices.upstream(place, manifest, specs),
                true);
    }

    private void createResources(ExtensionManifest manifest, ContainerEngine client, ExtensionProgress progress,
            boolean services) {
        String id = manifest.id();
        progress.step(id, "creating network " + Names.network(id));
        journal(id, JournalStep.Kind.NETWORK, Names.network(id));
        NetworkSpec.Builder network = NetworkSpec.builder(Names.network(id)).label(Names.LABEL, id);
        if (services) {
            // Attachable: a standalone container (a debugging shell, another tool) can still join the services.
            network.driver(io.orbitr.engine.NetworkDriver.OVERLAY).attachable(true);
        }
        client.networks().create(network.build());
        for (ExtensionVolume volume : manifest.volumes().values()) {
            ensureVolume(id, volume, client);
        }
        Path directory = dataDirectory(id);
        if (!Files.isDirectory(directory)) {
            journal(id, JournalStep.Kind.DIRECTORY, directory.toString());
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new OrbitrException("cannot create the data directory " + directory + ": " + e.getMessage(), e);
            }
        }
    }

    private void ensureVolume(String id, ExtensionVolume volume, ContainerEngine client) {
        String name = Names.volume(id, volume.name());
        try {
            client.volumes().inspect(name);
            log.info("extension {} reuses volume {}", id, name);
        } catch (NotFoundException absent) {
            journal(id, JournalStep.Kind.VOLUME, name);
            client.volumes().create(VolumeSpec.builder().name(name).label(Names.LABEL, id)
                    .label(KIND_LABEL, volume.kind().name().toLowerCase(java.util.Locale.ROOT)).build());
        }
    }

    /**
     * Creates (journaled) the containers, all at once, and starts each as soon as its own creation is done and every
     * service it depends on has started (and, for a dependency with a health check, is healthy): Compose's order, with
     * no wave waiting for its slowest member. When one step fails, every step already under way finishes before the
     * failure is thrown, so that the undo that follows finds everything the journal names.
     */
    private void startContainers(ExtensionManifest manifest, Map<String, ContainerSpec> specs, ContainerEngine client,
            ExtensionProgress progress, boolean create) {
        String id = manifest.id();
        Set<String> dependedOn = new java.util.HashSet<>();
        manifest.services().values().forEach(s -> dependedOn.addAll(s.dependsOn()));
        if (create) {
            for (ContainerSpec spec : specs.values()) {
                journal(id, JournalStep.Kind.CONTAINER, spec.name().orElseThrow());
            }
            progress.step(id, "creating containers " + String.join(", ", specs.keySet()));
        }
        Object progressLock = new Object();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Math.min(specs.size(), 8)), runnable -> {
                    Thread thread = new Thread(runnable, "orbitr-extension-engine-call");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            Map<String, java.util.concurrent.CompletableFuture<Void>> started = new LinkedHashMap<>();
            // specs are in start order: a service's dependencies come before it.
            for (Map.Entry<String, ContainerSpec> entry : specs.entrySet()) {
                String service = entry.getKey();
                ContainerSpec spec = entry.getValue();
                String name = spec.name().orElseThrow();
                List<java.util.concurrent.CompletableFuture<Void>> before = new ArrayList<>();
                before.add(create ? java.util.concurrent.CompletableFuture.runAsync(
                        () -> client.containers().create(spec), pool)
                        : java.util.concurrent.CompletableFuture.completedFuture(null));
                manifest.services().get(service).dependsOn().stream().map(started::get).filter(Objects::nonNull)
                        .forEach(before::add);
                started.put(service, java.util.concurrent.CompletableFuture
                        .allOf(before.toArray(java.util.concurrent.CompletableFuture[]::new))
                        .thenRunAsync(() -> {
                            synchronized (progressLock) {
                                progress.step(id, "starting " + service);
                            }
                            client.containers().start(name);
                            if (dependedOn.contains(service) && spec.healthCheck().isPresent()) {
                                synchronized (progressLock) {
                                    progress.step(id, "waiting for " + service + " to be healthy");
                                }
                                awaitHealthy(client, name, manifest.health().startPeriod());
                            }
                        }, pool));
            }
            try {
                java.util.concurrent.CompletableFuture.allOf(started.values()
                        .toArray(java.util.concurrent.CompletableFuture[]::new)).join();
            } catch (java.util.concurrent.CompletionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof RuntimeException r ? r : new OrbitrException(String.valueOf(cause), cause);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitHealthy(ContainerEngine client, String container, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            ContainerDetails details = client.containers().inspect(container);
            requireRunning(client, details);
            Optional<ContainerHealth.Status> status = details.health().map(ContainerHealth::status);
            if (status.isEmpty() || status.get() == ContainerHealth.Status.HEALTHY) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new OrbitrException("container " + container + " did not become healthy within " + bound
                        + " (its health check reports " + status.get().name().toLowerCase(java.util.Locale.ROOT) + ")");
            }
            sleep();
        }
    }

    /**
     * Waits until every container has kept running for the settle time and the main service is healthy: its engine
     * health check (if any) passes and its routed port (if any) accepts connections, within the start period.
     */
    private void awaitStarted(ExtensionManifest manifest, Map<String, ContainerSpec> specs, ExtensionEngine place) {
        String id = manifest.id();
        ContainerEngine client = place.client();
        Duration bound = manifest.health().startPeriod().plus(settings.settle());
        long start = System.nanoTime();
        long settled = start + settings.settle().toNanos();
        long deadline = start + bound.toNanos();
        String mainName = Names.container(id, manifest.main());
        String why = "";
        while (true) {
            boolean ready = System.nanoTime() >= settled;
            for (ContainerSpec spec : specs.values()) {
                ContainerDetails details = client.containers().inspect(spec.name().orElseThrow());
                requireRunning(client, details);
                if (details.name().equals(mainName) || details.name().equals("/" + mainName)) {
                    Optional<ContainerHealth.Status> status = details.health().map(ContainerHealth::status);
                    if (status.isPresent() && status.get() == ContainerHealth.Status.UNHEALTHY) {
                        throw new OrbitrException("the main service " + manifest.main() + " of " + id
                                + " is unhealthy: " + details.health().flatMap(ContainerHealth::lastProbe)
                                .map(ContainerHealth.Probe::output).orElse("").strip());
                    }
                    if (status.isPresent() && status.get() != ContainerHealth.Status.HEALTHY) {
                        ready = false;
                        why = "its health check reports starting";
                    }
                }
            }
            Optional<ExtensionRoute> route = manifest.route();
            if (ready && route.isPresent() && route.get().protocol() != io.orbitr.proxy.Protocol.UDP) {
                ExtensionEngine.Upstream upstream = reach(place, manifest, specs).routed().orElseThrow();
                if (!PortProbe.accepts(upstream.host(), upstream.port())) {
                    ready = false;
                    why = "port " + route.get().port() + (place.remote() ? " (published as " + upstream.host() + ":"
                            + upstream.port() + ")" : "") + " does not accept connections";
                }
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new OrbitrException("the main service " + manifest.main() + " of " + id + " did not become"
                        + " healthy within its start period of " + manifest.health().startPeriod().toSeconds() + " s: "
                        + why);
            }
            sleep();
        }
    }

    /** The engine reports the kernel's name for its CPU; manifests use the image platform's name. */
    private static String architecture(String engine) {
        return switch (engine.toLowerCase(java.util.Locale.ROOT)) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "armv7l", "armv6l", "arm" -> "arm";
            case "i386", "i686", "386" -> "386";
            default -> engine;
        };
    }

    private static void requireRunning(ContainerEngine client, ContainerDetails details) {
        ContainerStatus status = details.status();
        if (status == ContainerStatus.EXITED || status == ContainerStatus.DEAD) {
            String logs;
            try {
                logs = client.recentLogs(details.id(), 5).stream().map(l -> l.text().strip())
                        .reduce((a, b) -> a + " | " + b).orElse("(no output)");
            } catch (RuntimeException e) {
                logs = "(logs unavailable: " + e.getMessage() + ")";
            }
            throw new OrbitrException("container " + details.name().replaceFirst("^/", "") + " exited with code "
                    + details.state().exitCode() + " right after it started; its last output: " + logs);
        }
    }

    private void registerTargets(ExtensionManifest manifest, Map<String, String> values, ExtensionEngine place,
            Reach reach, boolean journaled) {
        for (HealthTarget target : targets(manifest, values, place, reach)) {
            if (journaled) {
                journal(manifest.id(), JournalStep.Kind.TARGET, target.id());
            }
            health.add(target);
        }
    }

    private void createRoutes(ExtensionManifest manifest, ExtensionEngine place, Reach reach, boolean journaled) {
        for (Route route : upstreamRoutes(manifest, place, reach)) {
            if (journaled) {
                journal(manifest.id(), JournalStep.Kind.ROUTE, route.name());
            }
            if (proxies.find(route.name()).isPresent()) {
                proxies.update(route);
            } else {
                proxies.create(route);
            }
        }
    }

    // --- what an extension is made of ---

    private Map<String, String> values(ExtensionManifest manifest, Map<String, String> inputs,
            Map<String, String> secrets) {
        Map<String, String> values = new HashMap<>();
        inputs.forEach((name, value) -> values.put("inputs." + name, value));
        secrets.forEach((name, value) -> values.put("inputs." + name, value));
        values.put("ORBITR_DOMAIN", domain());
        values.put("EXTENSION_ID", manifest.id());
        values.put("EXTENSION_DATA", dataDirectory(manifest.id()).toString());
        for (String dependency : manifest.dependsOn()) {
            InstallRecord record = installs.find(dependency).orElseThrow(() -> new NotFoundException(
                    "installed extension", dependency));
            Map<String, String> theirs = values(record.manifest(), record.inputs(), record.secrets());
            theirs.put(Interpolation.MAIN_HOST, Names.container(dependency, record.manifest().main()));
            record.manifest().exports().forEach((name, value) -> values.put("exports." + dependency + "." + name,
                    Interpolation.apply(value, theirs)));
        }
        return values;
    }

    private String domain() {
        String domain = proxies.settings().defaultDomain();
        return domain.isEmpty() ? "localhost" : domain;
    }

    private Path dataDirectory(String id) {
        return dataDirectory.resolve("extensions").resolve(id).toAbsolutePath().normalize();
    }

    /**
     * The manifest's checks, or the default ones; every {@code docker} check names the extension's engine endpoint,
     * and {@code ${MAIN_HOST}} is where this host reaches the main service (see {@link Reach}).
     */
    private List<HealthTarget> targets(ExtensionManifest manifest, Map<String, String> values, ExtensionEngine place,
            Reach reach) {
        String id = manifest.id();
        Map<String, String> withHost = new HashMap<>(values);
        withHost.put(Interpolation.MAIN_HOST, reach.mainHost());
        List<ExtensionCheck> checks = new ArrayList<>(manifest.health().checks());
        if (checks.isEmpty()) {
            Duration interval = manifest.health().interval();
            // Installed as swarm services, the docker check follows the main service's tasks, not one container.
            checks.add(new ExtensionCheck(reach.services() ? "service" : "container", "docker",
                    Map.of(reach.services() ? "service" : "container", Names.container(id, manifest.main())),
                    interval, 0));
            manifest.route().filter(r -> r.protocol().routedByHost()).ifPresent(route -> {
                ExtensionEngine.Upstream upstream = reach.routed().orElseThrow();
                checks.add(new ExtensionCheck("http", "http", Map.of("url", route.protocol().id() + "://"
                        + upstream.host() + ":" + upstream.port() + "/", "expected-status", "200-499", "verify-tls",
                        false), interval, 1));
            });
        }
        List<HealthTarget> targets = new ArrayList<>();
        for (ExtensionCheck check : checks) {
            Map<String, Object> options = new LinkedHashMap<>();
            check.options().forEach((key, value) -> options.put(key, value instanceof String text
                    ? Interpolation.apply(text, withHost) : value));
            if (check.type().equals("docker") || (Set.of("command", "memory", "log-pattern").contains(check.type())
                    && options.containsKey("container"))) {
                // The extension's containers are on its endpoint: the check asks that engine, whatever it says.
                options.put("engine", place.name());
            }
            targets.add(HealthTarget.builder(Names.target(id, check.name()), new CheckSpec(check.type(), options))
                    .name(manifest.name() + " " + check.name()).group(Names.group(id)).interval(check.interval())
                    .retries(check.retries()).startPeriod(manifest.health().startPeriod()).build());
        }
        return targets;
    }

    /**
     * The routes with their upstream: on this machine the main container's address (or its name, for a proxy in a
     * container), on the route's port; on another machine's endpoint the port published there.
     */
    private List<Route> upstreamRoutes(ExtensionManifest manifest, ExtensionEngine place, Reach reach) {
        if (manifest.route().isEmpty()) {
            return List.of();
        }
        if (place.remote() || reach.services()) {
            ExtensionEngine.Upstream upstream = reach.routed().orElseThrow();
            return routes(manifest, upstream.host(), upstream.port());
        }
        return routes(manifest, settings.routeTarget() == ExtensionSettings.RouteTarget.ADDRESS ? reach.mainHost()
                : Names.container(manifest.id(), manifest.main()), manifest.route().get().port());
    }

    private List<Route> routes(ExtensionManifest manifest, String target) {
        return manifest.route().isEmpty() ? List.of() : routes(manifest, target, manifest.route().get().port());
    }

    private List<Route> routes(ExtensionManifest manifest, String target, int port) {
        if (manifest.route().isEmpty()) {
            return List.of();
        }
        ExtensionRoute route = manifest.route().get();
        String subdomain = route.subdomain().isEmpty() ? manifest.id() : route.subdomain();
        List<Route> routes = new ArrayList<>();
        Route.Builder byHost = Route.builder().name(Names.route(manifest.id())).host(subdomain)
                .target(target, port).protocol(route.protocol()).tls(route.tls());
        for (BasicAuthUser user : route.basicAuth()) {
            byHost.basicAuth(user.username(), user.passwordHash());
        }
        routes.add(byHost.build());
        ProxySettings proxy = proxies.settings();
        if (!route.pathPrefix().isEmpty() && !proxy.defaultDomain().isEmpty()
                && proxy.subdomainScheme() == SubdomainScheme.SUBDOMAIN) {
            Route.Builder byPath = Route.builder().name(Names.pathRoute(manifest.id())).host(proxy.defaultDomain())
                    .pathPrefix(route.pathPrefix()).target(target, port).protocol(route.protocol())
                    .tls(route.tls());
            for (BasicAuthUser user : route.basicAuth()) {
                byPath.basicAuth(user.username(), user.passwordHash());
            }
            routes.add(byPath.build());
        }
        return routes;
    }

    /**
     * Where this host reaches an extension's main service.
     *
     * @param mainHost what {@code ${MAIN_HOST}} stands for in check options: the main container's address on its
     *                 network, or on another machine's endpoint that machine's address
     * @param routed   the route's upstream, when the manifest has a route
     * @param services whether the extension runs as swarm services (reached through published ports)
     */
    private record Reach(String mainHost, Optional<ExtensionEngine.Upstream> routed, boolean services) {
    }

    private static Reach reach(ExtensionEngine place, ExtensionManifest manifest, Map<String, ContainerSpec> specs) {
        if (place.remote()) {
            return new Reach(place.remoteHost().orElseThrow(),
                    manifest.route().flatMap(route -> place.published(specs.get(manifest.main()), route)), false);
        }
        String address = address(place.client(), manifest.id(), manifest.main());
        return new Reach(address, manifest.route().map(route -> new ExtensionEngine.Upstream(address, route.port())),
                false);
    }

    /**
     * @param name        an endpoint's name, kept with an install
     * @param extensionId the extension that runs there
     * @return the endpoint and its client
     * @throws NotFoundException when the endpoint is no longer configured
     */
    private ExtensionEngine engine(String name, String extensionId) {
        EngineSettings endpoint = engines.find(name).orElseThrow(() -> new NotFoundException("engine endpoint",
                name + " (extension " + extensionId + " runs there; configured: " + engines.list().stream()
                        .map(EngineSettings::name).toList() + "): add the endpoint again, with --engine " + name
                        + "=URI or orbitr.engines().save(...)"));
        return ExtensionEngine.of(endpoint, engines.get(name));
    }

    private ExtensionEngine engine(InstallRecord record) {
        return engine(record.engine(), record.id());
    }

    private static String address(ContainerEngine client, String id, String service) {
        ContainerDetails details = client.containers().inspect(Names.container(id, service));
        return details.network(Names.network(id)).map(n -> n.ipAddress()).filter(ip -> !ip.isEmpty())
                .orElseThrow(() -> new OrbitrException("container " + Names.container(id, service)
                        + " has no address on network " + Names.network(id) + "; is it running?"));
    }

    // --- undo, uninstall ---

    /** Removes what the journal names, last step first; every step is tried even when one fails. */
    private void undo(String id, ContainerEngine client) {
        List<JournalStep> steps = installs.journal(id);
        boolean services = steps.stream().anyMatch(step -> step.kind() == JournalStep.Kind.SERVICE);
        for (JournalStep step : steps) {
            try {
                switch (step.kind()) {
                    case CONTAINER -> removeContainer(client, step.resource());
                    case SERVICE -> SwarmServices.remove(client.swarm(), step.resource());
                    case NETWORK -> {
                        if (services) {
                            SwarmServices.removeNetwork(client, step.resource(), NETWORK_RELEASE);
                        } else {
                            ignoreMissing(() -> client.networks().remove(step.resource()));
                        }
                    }
                    case VOLUME -> ignoreMissing(() -> client.volumes().remove(step.resource(), true));
                    case DIRECTORY -> deleteTree(Path.of(step.resource()));
                    case TARGET -> ignoreMissing(() -> health.remove(step.resource()));
                    case ROUTE -> ignoreMissing(() -> proxies.remove(step.resource()));
                    case REPLACED -> {
                        // Only an upgrade's rollback recreates replaced containers.
                    }
                }
            } catch (RuntimeException e) {
                log.warn("undoing {} of extension {}: could not remove {} {}: {}", step.kind(), id,
                        step.kind().name().toLowerCase(java.util.Locale.ROOT), step.resource(), e.getMessage());
            }
        }
        installs.clearJournal(id);
    }

    @Override
    public void uninstall(String id, boolean purge) {
        synchronized (lock) {
            InstallRecord record = require(id);
            List<String> dependants = new ArrayList<>();
            for (InstallRecord other : installs.list(Integer.MAX_VALUE, Optional.empty())) {
                if (other.manifest().dependsOn().contains(id)) {
                    dependants.add(other.id());
                }
            }
            if (!dependants.isEmpty()) {
                throw new ConflictException("cannot uninstall " + id + ": " + String.join(", ", dependants)
                        + " depend" + (dependants.size() == 1 ? "s" : "") + " on it; uninstall them first");
            }
            installs.update(record.with(ExtensionState.REMOVING, installs.now()));
            ContainerEngine client = engine(record).client();
            removeAll(record.manifest(), purge, client, record.deployment() == Deployment.SERVICES);
            installs.delete(id);
            log.info("uninstalled extension {}{}", id, purge ? " and purged its data" : " (data volumes kept)");
        }
    }

    private void removeAll(ExtensionManifest manifest, boolean purge, ContainerEngine client, boolean services) {
        String id = manifest.id();
        for (String route : List.of(Names.route(id), Names.pathRoute(id))) {
            ignoreMissing(() -> proxies.remove(route));
        }
        removeTargets(id);
        if (services) {
            // The manager stops the tasks (with each task's stop grace period) and then releases the network.
            manifest.services().keySet().forEach(service -> SwarmServices.remove(client.swarm(),
                    Names.container(id, service)));
            SwarmServices.removeNetwork(client, Names.network(id), NETWORK_RELEASE);
            removeVolumes(manifest, purge, client);
            return;
        }
        List<String> containers = client.containers().list(ContainerQuery.all().withLabel(Names.LABEL, id),
                PageRequest.first(PageRequest.MAX_LIMIT)).items().stream().map(ContainerSummary::id).toList();
        // Stopped gracefully first, dependants before what they depend on: a database gets to flush its data.
        List<String> order = new ArrayList<>(StartOrder.of(manifest.services()));
        java.util.Collections.reverse(order);
        for (String service : order) {
            try {
                ignoreMissing(() -> client.containers().stop(Names.container(id, service), STOP_TIMEOUT));
            } catch (OrbitrException e) {
                log.warn("extension {}: could not stop {} gracefully: {}", id, service, e.getMessage());
            }
        }
        containers.forEach(container -> removeContainer(client, container));
        ignoreMissing(() -> client.networks().remove(Names.network(id)));
        removeVolumes(manifest, purge, client);
    }

    private void removeVolumes(ExtensionManifest manifest, boolean purge, ContainerEngine client) {
        String id = manifest.id();
        for (ExtensionVolume volume : manifest.volumes().values()) {
            if (purge || volume.kind() == VolumeKind.CACHE) {
                ignoreMissing(() -> client.volumes().remove(Names.volume(id, volume.name()), true));
            }
        }
        if (purge) {
            deleteTree(dataDirectory(id));
        }
    }

    private void removeTargets(String id) {
        Optional<String> after = Optional.empty();
        List<String> ids = new ArrayList<>();
        do {
            Page<HealthTarget> page = health.targets(500, after);
            page.items().stream().map(HealthTarget::id).filter(t -> t.startsWith(Names.targetPrefix(id)))
                    .forEach(ids::add);
            after = page.next();
        } while (after.isPresent());
        ids.forEach(t -> ignoreMissing(() -> health.remove(t)));
    }

    private static void removeContainer(ContainerEngine client, String container) {
        ignoreMissing(() -> client.containers().remove(container, true, false));
    }

    // --- upgrade ---

    @Override
    public InstalledExtension upgrade(String id, ExtensionManifest manifest) {
        Objects.requireNonNull(manifest, "manifest");
        synchronized (lock) {
            InstallRecord record = require(id);
            if (!manifest.id().equals(id)) {
                throw new InvalidValueException("id", manifest.id(), "must stay " + id + " in an upgrade");
            }
            if (record.deployment() == Deployment.SERVICES) {
                throw new ConflictException("extension " + id + " runs as swarm services, which Orbitr cannot upgrade"
                        + " yet: uninstall it (its data volumes are kept) and install the new version");
            }
            if (record.state() != ExtensionState.RUNNING && record.state() != ExtensionState.STOPPED) {
                throw new ConflictException("extension " + id + " is " + record.state() + "; wait for it to finish");
            }
            List<ManifestProblem> problems = new ArrayList<>(ManifestValidator.validate(manifest));
            Map<String, String> given = new LinkedHashMap<>(record.inputs());
            given.keySet().removeIf(name -> manifest.inputs().stream().noneMatch(i -> i.name().equals(name)));
            Map<String, String> inputValues = InputValues.resolve(manifest, given, problems);
            if (!problems.isEmpty()) {
                throw new InvalidManifestException(id, problems);
            }
            requireDependencies(manifest, record.engine());
            Map<String, String> secrets = new LinkedHashMap<>(record.secrets());
            for (GeneratedSecret secret : manifest.generated()) {
                secrets.computeIfAbsent(secret.name(), name -> secretGenerator.generate(secret));
            }
            ExtensionManifest old = record.manifest();
            ExtensionEngine place = engine(record);
            ContainerEngine client = place.client();
            Map<String, ContainerSpec> oldSpecs = ContainerPlan.of(old, values(old, record.inputs(), record.secrets()));
            Map<String, String> values = values(manifest, inputValues, secrets);
            Map<String, ContainerSpec> newSpecs = ContainerPlan.of(manifest, values);
            Map<String, ContainerSpec> changed = new LinkedHashMap<>();
            newSpecs.forEach((service, spec) -> {
                if (!spec.equals(oldSpecs.get(service))) {
                    changed.put(service, spec);
                }
            });
            List<String> removed = oldSpecs.keySet().stream().filter(s -> !newSpecs.containsKey(s)).toList();
            requireReachable(place, manifest, newSpecs);
            preflightImages(manifest, changed, client);

            InstallRecord upgrading = new InstallRecord(manifest, Optional.of(old), ExtensionState.UPGRADING,
                    inputValues, secrets, record.installedAt(), installs.now(), record.engine());
            installs.update(upgrading);
            try {
                for (ExtensionVolume volume : manifest.volumes().values()) {
                    ensureVolume(id, volume, client);
                }
                List<String> replaced = new ArrayList<>(changed.keySet());
                replaced.addAll(removed);
                for (String service : replaced) {
                    if (oldSpecs.containsKey(service)) {
                        journal(id, JournalStep.Kind.REPLACED, service);
                        removeContainer(client, Names.container(id, service));
                    }
                }
                startContainers(manifest, changed, client, ExtensionProgress.NONE, true);
                awaitStarted(manifest, newSpecs, place);
                syncTargetsAndRoutes(manifest, values, place);
                InstallRecord done = new InstallRecord(manifest, Optional.empty(), ExtensionState.RUNNING, inputValues,
                        secrets, record.installedAt(), installs.now(), record.engine());
                installs.update(done);
                installs.clearJournal(id);
                log.info("upgraded extension {} from {} (revision {}) to {} (revision {}); {} containers recreated", id,
                        old.version(), old.revision(), manifest.version(), manifest.revision(), changed.size());
                return installed(done);
            } catch (RuntimeException e) {
                log.warn("upgrade of extension {} failed, rolling back to {}: {}", id, old.version(), e.getMessage());
                rollback(upgrading, place);
                throw new OrbitrException("upgrade of " + id + " to " + manifest.version() + " failed and was rolled"
                        + " back to " + old.version() + ": " + e.getMessage(), e);
            }
        }
    }

    private void preflightImages(ExtensionManifest manifest, Map<String, ContainerSpec> specs, ContainerEngine client) {
        List<String> missing = new ArrayList<>();
        for (ContainerSpec spec : specs.values()) {
            try {
                client.images().inspect(spec.image());
            } catch (NotFoundException e) {
                missing.add(spec.image());
            }
        }
        if (!missing.isEmpty()) {
            throw new NotFoundException("local image", String.join(", ", missing) + " (needed by the upgrade of "
                    + manifest.id() + "): pull it first");
        }
    }

    /** Back to the previous manifest: the new containers removed, the replaced ones recreated, targets and routes. */
    private void rollback(InstallRecord upgrading, ExtensionEngine place) {
        ContainerEngine client = place.client();
        String id = upgrading.id();
        ExtensionManifest old = upgrading.previous().orElseThrow();
        Map<String, String> oldInputs = new LinkedHashMap<>(upgrading.inputs());
        Map<String, String> values = values(old, oldInputs, upgrading.secrets());
        Map<String, ContainerSpec> oldSpecs = ContainerPlan.of(old, values);
        List<JournalStep> steps = installs.journal(id);
        for (JournalStep step : steps) {
            if (step.kind() == JournalStep.Kind.CONTAINER) {
                removeContainer(client, step.resource());
            }
        }
        Map<String, ContainerSpec> recreate = new LinkedHashMap<>();
        oldSpecs.forEach((service, spec) -> {
            if (steps.contains(new JournalStep(JournalStep.Kind.REPLACED, service))) {
                recreate.put(service, spec);
            }
        });
        try {
            for (ContainerSpec spec : recreate.values()) {
                removeContainer(client, spec.name().orElseThrow());
                client.containers().create(spec);
            }
            if (upgrading.state() != ExtensionState.STOPPED) {
                for (ContainerSpec spec : recreate.values()) {
                    client.containers().start(spec.name().orElseThrow());
                }
            }
            syncTargetsAndRoutes(old, values, place);
        } catch (RuntimeException e) {
            log.error("rollback of extension {} could not restore every container: {}", id, e.getMessage());
        }
        for (JournalStep step : steps) {
            if (step.kind() == JournalStep.Kind.VOLUME) {
                ignoreMissing(() -> client.volumes().remove(step.resource(), true));
            }
        }
        installs.update(new InstallRecord(old, Optional.empty(), ExtensionState.RUNNING, oldInputs,
                upgrading.secrets(), upgrading.installedAt(), installs.now(), upgrading.engine()));
        installs.clearJournal(id);
    }

    /** Replaces the extension's health targets and routes with the manifest's, at the main container's address. */
    private void syncTargetsAndRoutes(ExtensionManifest manifest, Map<String, String> values, ExtensionEngine place) {
        syncTargetsAndRoutes(manifest, values, place, reach(place, manifest, ContainerPlan.of(manifest, values)));
    }

    private void syncTargetsAndRoutes(ExtensionManifest manifest, Map<String, String> values, ExtensionEngine place,
            Reach reach) {
        String id = manifest.id();
        // Updated in place, not removed and added: a target keeps its history across starts and upgrades.
        List<HealthTarget> targets = targets(manifest, values, place, reach);
        Set<String> wantedTargets = new java.util.HashSet<>();
        targets.forEach(t -> wantedTargets.add(t.id()));
        List<String> existing = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            Page<HealthTarget> page = health.targets(500, after);
            page.items().stream().map(HealthTarget::id).filter(t -> t.startsWith(Names.targetPrefix(id)))
                    .forEach(existing::add);
            after = page.next();
        } while (after.isPresent());
        existing.stream().filter(t -> !wantedTargets.contains(t)).forEach(t -> ignoreMissing(() -> health.remove(t)));
        for (HealthTarget target : targets) {
            if (existing.contains(target.id())) {
                health.update(target);
                health.resume(target.id());
            } else {
                health.add(target);
            }
        }
        List<String> wanted = upstreamRoutes(manifest, place, reach).stream().map(Route::name).toList();
        for (String route : List.of(Names.route(id), Names.pathRoute(id))) {
            if (!wanted.contains(route)) {
                ignoreMissing(() -> proxies.remove(route));
            }
        }
        createRoutes(manifest, place, reach, false);
    }

    // --- start, stop, status ---

    @Override
    public void start(String id) {
        synchronized (lock) {
            InstallRecord record = require(id);
            ExtensionEngine place = engine(record);
            ContainerEngine client = place.client();
            Map<String, String> values = values(record.manifest(), record.inputs(), record.secrets());
            Map<String, ContainerSpec> specs = ContainerPlan.of(record.manifest(), values);
            if (record.deployment() == Deployment.SERVICES) {
                startServices(record, specs, place);
                syncTargetsAndRoutes(record.manifest(), values, place, serviceReach(place, record.manifest(), specs));
                installs.update(record.with(ExtensionState.RUNNING, installs.now()));
                return;
            }
            for (ContainerSpec spec : specs.values()) {
                if (client.containers().find(spec.name().orElseThrow()).isEmpty()) {
                    log.warn("extension {}: container {} was missing; recreating it", id, spec.name().orElseThrow());
                    client.containers().create(spec);
                }
            }
            startContainers(record.manifest(), specs, client, ExtensionProgress.NONE, false);
            awaitStarted(record.manifest(), specs, place);
            syncTargetsAndRoutes(record.manifest(), values, place);
            installs.update(record.with(ExtensionState.RUNNING, installs.now()));
        }
    }

    /** Scales each service back to one task (recreating a service that was removed) and waits for them to run. */
    private void startServices(InstallRecord record, Map<String, ContainerSpec> specs, ExtensionEngine place) {
        io.orbitr.engine.swarm.Swarm swarm = place.client().swarm();
        Map<String, io.orbitr.engine.swarm.ServiceSpec> plan = SwarmServices.plan(record.manifest(), specs);
        for (io.orbitr.engine.swarm.ServiceSpec spec : plan.values()) {
            if (swarm.find(spec.name()).isEmpty()) {
                log.warn("extension {}: service {} was missing; recreating it", record.id(), spec.name());
                swarm.create(spec);
            } else {
                swarm.scale(spec.name(), 1);
            }
        }
        SwarmServices.awaitRunning(swarm, plan.values().stream().map(io.orbitr.engine.swarm.ServiceSpec::name)
                .toList(), record.manifest().health().startPeriod().plus(settings.settle()));
    }

    @Override
    public void stop(String id) {
        synchronized (lock) {
            InstallRecord record = require(id);
            ContainerEngine client = engine(record).client();
            // Paused first: a deliberate stop is not an outage to notify about.
            pauseTargets(id);
            List<String> order = new ArrayList<>(StartOrder.of(record.manifest().services()));
            java.util.Collections.reverse(order);
            for (String service : order) {
                if (record.deployment() == Deployment.SERVICES) {
                    // Scaled to zero rather than removed: the service keeps its spec for the next start.
                    ignoreMissing(() -> client.swarm().scale(Names.container(id, service), 0));
                } else {
                    ignoreMissing(() -> client.containers().stop(Names.container(id, service), STOP_TIMEOUT));
                }
            }
            installs.update(record.with(ExtensionState.STOPPED, installs.now()));
        }
    }

    @Override
    public void restart(String id) {
        synchronized (lock) {
            stop(id);
            start(id);
        }
    }

    private void pauseTargets(String id) {
        Optional<String> after = Optional.empty();
        do {
            Page<HealthTarget> page = health.targets(500, after);
            page.items().stream().map(HealthTarget::id).filter(t -> t.startsWith(Names.targetPrefix(id)))
                    .forEach(t -> ignoreMissing(() -> health.pause(t)));
            after = page.next();
        } while (after.isPresent());
    }

    @Override
    public ExtensionStatus status(String id) {
        InstallRecord record = require(id);
        ExtensionManifest manifest = record.manifest();
        ContainerEngine client = engine(record).client();
        List<ServiceStatus> services = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        Map<String, ContainerSpec> specs = ContainerPlan.of(manifest, values(manifest, record.inputs(),
                record.secrets()));
        if (record.deployment() == Deployment.SERVICES) {
            serviceStatuses(record, specs, client, services, differences);
        }
        specs.forEach((service, spec) -> {
            if (record.deployment() == Deployment.SERVICES) {
                return;
            }
            String name = spec.name().orElseThrow();
            Optional<ContainerDetails> details = client.containers().find(name);
            services.add(new ServiceStatus(service, name, details.map(ContainerDetails::status),
                    details.flatMap(d -> d.network(Names.network(id))).map(n -> n.ipAddress())
                            .filter(ip -> !ip.isEmpty())));
            if (details.isEmpty()) {
                differences.add("container " + name + " is missing");
            } else {
                if (!details.get().image().equals(spec.image())) {
                    differences.add("container " + name + " runs image " + details.get().image() + ", the manifest"
                            + " says " + spec.image());
                }
                if (record.state() == ExtensionState.RUNNING && details.get().status() != ContainerStatus.RUNNING) {
                    differences.add("container " + name + " is " + details.get().status().engineName()
                            + ", the extension is meant to run");
                }
            }
        });
        List<TargetStatus> checks = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            Page<TargetStatus> page = health.statuses(Optional.of(Names.group(id)), 500, after);
            checks.addAll(page.items());
            after = page.next();
        } while (after.isPresent());
        HealthStatus worst = checks.stream().map(TargetStatus::status).reduce(HealthStatus::worst)
                .orElse(HealthStatus.UNKNOWN);
        return new ExtensionStatus(installed(record), services, checks, worst, url(manifest), differences);
    }

    /**
     * Each swarm service as a service status: running when it runs as many tasks as it wants (and wants some), its
     * address empty (a service's tasks each have their own); a difference for each service missing or short of tasks.
     */
    private static void serviceStatuses(InstallRecord record, Map<String, ContainerSpec> specs, ContainerEngine client,
            List<ServiceStatus> services, List<String> differences) {
        io.orbitr.engine.swarm.Swarm swarm = client.swarm();
        specs.forEach((service, spec) -> {
            String name = spec.name().orElseThrow();
            Optional<io.orbitr.engine.swarm.ServiceDetails> details = swarm.find(name);
            if (details.isEmpty()) {
                services.add(new ServiceStatus(service, name, Optional.empty(), Optional.empty()));
                differences.add("service " + name + " is missing");
                return;
            }
            long running = swarm.tasks(name).stream().filter(io.orbitr.engine.swarm.SwarmTask::running).count();
            int wanted = details.get().replicas();
            services.add(new ServiceStatus(service, name, Optional.of(running >= wanted && wanted > 0
                    ? ContainerStatus.RUNNING : ContainerStatus.EXITED), Optional.empty()));
            if (!details.get().spec().image().equals(spec.image())) {
                differences.add("service " + name + " runs image " + details.get().spec().image() + ", the manifest"
                        + " says " + spec.image());
            }
            if (record.state() == ExtensionState.RUNNING && (wanted == 0 || running < wanted)) {
                differences.add("service " + name + " runs " + running + " of " + Math.max(wanted, 1) + " tasks,"
                        + " the extension is meant to run");
            }
        });
    }

    private Optional<String> url(ExtensionManifest manifest) {
        return proxies.find(Names.route(manifest.id())).map(route -> {
            ProxySettings settings = proxies.settings();
            Route resolved = settings.resolve(route);
            String scheme = resolved.protocol().routedByHost() ? (resolved.tls() ? "https" : "http")
                    : resolved.protocol().id();
            // The proxy's own port when it is not the scheme's default, so that the address opens as it is.
            int port = resolved.tls() ? settings.httpsPort() : settings.httpPort();
            String shownPort = !resolved.protocol().routedByHost() || port == (resolved.tls() ? 443 : 80) ? ""
                    : ":" + port;
            return scheme + "://" + resolved.host() + shownPort + resolved.pathPrefix()
                    + (resolved.protocol().routedByHost() ? "/" : ":" + resolved.targetPort());
        });
    }

    @Override
    public Optional<InstalledExtension> find(String id) {
        return installs.find(Objects.requireNonNull(id, "id")).map(this::installed);
    }

    @Override
    public Page<InstalledExtension> list(int limit, Optional<String> after) {
        requireLimit(limit);
        List<InstallRecord> rows = installs.list(limit + 1, Objects.requireNonNull(after, "after"));
        List<InstalledExtension> items = rows.stream().limit(limit).map(this::installed).toList();
        return new Page<>(items, rows.size() > limit ? Optional.of(items.get(items.size() - 1).id()) : Optional.empty());
    }

    // --- start of the platform ---

    /**
     * Brings the store and the engine back in line after a restart: an install a crash interrupted is undone, an
     * upgrade rolled back, a removal completed; a running extension's missing container is recreated and started.
     * Failures are logged, never thrown: the platform starts regardless.
     */
    public void recover() {
        synchronized (lock) {
            List<InstallRecord> records = installs.list(Integer.MAX_VALUE, Optional.empty());
            // Each on its own endpoint: one that does not answer leaves only its extensions as they are.
            for (InstallRecord record : records) {
                try {
                    recover(record, engine(record));
                } catch (RuntimeException e) {
                    log.warn("extension {} on engine {} could not be reconciled: {}", record.id(), record.engine(),
                            e.getMessage());
                }
            }
        }
    }

    private void recover(InstallRecord record, ExtensionEngine place) {
        ContainerEngine client = place.client();
        String id = record.id();
        switch (record.state()) {
            case INSTALLING -> {
                log.warn("extension {} was being installed when Orbitr stopped; undoing the install", id);
                undo(id, client);
                installs.delete(id);
            }
            case UPGRADING -> {
                log.warn("extension {} was being upgraded when Orbitr stopped; rolling back", id);
                rollback(record, place);
            }
            case REMOVING -> {
                log.warn("extension {} was being removed when Orbitr stopped; completing the removal (data kept)", id);
                removeAll(record.manifest(), false, client, record.deployment() == Deployment.SERVICES);
                installs.delete(id);
            }
            case RUNNING, STOPPED -> reconcile(record, client);
        }
    }

    private void reconcile(InstallRecord record, ContainerEngine client) {
        String id = record.id();
        if (record.deployment() == Deployment.SERVICES) {
            // The manager keeps the tasks running; a removed service is recreated by the next start.
            record.manifest().services().keySet().stream().map(service -> Names.container(id, service))
                    .filter(name -> client.swarm().find(name).isEmpty())
                    .forEach(name -> log.warn("extension {}: service {} was removed; start the extension to"
                            + " recreate it", id, name));
            return;
        }
        Map<String, ContainerSpec> specs = ContainerPlan.of(record.manifest(), values(record.manifest(),
                record.inputs(), record.secrets()));
        for (ContainerSpec spec : specs.values()) {
            String name = spec.name().orElseThrow();
            Optional<ContainerDetails> details = client.containers().find(name);
            if (details.isEmpty()) {
                log.warn("extension {}: container {} was removed; recreating it", id, name);
                client.containers().create(spec);
                if (record.state() == ExtensionState.RUNNING) {
                    client.containers().start(name);
                }
            } else if (!details.get().image().equals(spec.image())) {
                log.warn("extension {}: container {} runs image {}, the manifest says {}", id, name,
                        details.get().image(), spec.image());
            }
        }
    }

    // --- helpers ---

    private InstallRecord require(String id) {
        Objects.requireNonNull(id, "id");
        return installs.find(id).orElseThrow(() -> new NotFoundException("installed extension", id));
    }

    private InstalledExtension installed(InstallRecord record) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (InputField input : record.manifest().inputs()) {
            String value = record.inputs().get(input.name());
            if (value != null && !input.secret()) {
                shown.put(input.name(), value);
            }
        }
        return new InstalledExtension(record.manifest(), record.state(), shown, record.installedAt(),
                record.updatedAt(), record.engine());
    }

    private void journal(String id, JournalStep.Kind kind, String resource) {
        installs.journal(id, new JournalStep(kind, resource));
    }

    private static void ignoreMissing(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException e) {
            // already gone: what removal wants
        }
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new OrbitrException("cannot delete " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidValueException("limit", limit, "must be between 1 and 1000");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrbitrException("interrupted while waiting for an extension's containers", e);
        }
    }
}
