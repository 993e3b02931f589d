package io.orbitr.core;

import io.orbitr.MissingProviderException;
import io.orbitr.OrbitrException;
import io.orbitr.core.assembly.ProviderCatalog;
import io.orbitr.core.assembly.ProviderKind;
import io.orbitr.core.health.HealthMonitor;
import io.orbitr.core.health.StampedCheck;
import io.orbitr.core.process.LocalProcessSupervisor;
import io.orbitr.core.proxy.ProxyManager;
import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.H2Stores;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.core.stream.StreamHub;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerEngineProvider;
import io.orbitr.engine.EngineSettings;
import io.orbitr.health.CheckOptions;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.CheckType;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthCheckProvider;
import io.orbitr.notify.NotificationSink;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.proxy.ProxyGenerator;
import io.orbitr.spi.FeatureProvider;
import io.orbitr.spi.Provider;
import io.orbitr.store.Migration;
import io.orbitr.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One assembled Orbitr platform: the store, the shared scheduler, and the providers found on the class path or
 * registered by the host. Built with {@link #builder()}; closed with {@link #close()}, which stops every provider
 * and releases every thread and connection. Thread-safe.
 *
 * <pre>{@code
 * try (Orbitr orbitr = Orbitr.builder().dataDirectory(Path.of("orbitr-data")).build()) {
 *     EngineInfo info = orbitr.engine().info();
 * }
 * }</pre>
 */
public final class Orbitr implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Orbitr.class);

    private final Path dataDirectory;
    private final JdbcStore store;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final ProviderCatalog catalog;
    private final EngineSettings engineSettings;
    private final PlatformServices services = new PlatformServices();
    private final LocalProcessSupervisor processes;
    private volatile ProxyManager proxies;
    /** Things to close, last opened first. */
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private volatile StreamHub streamHub;
    private volatile boolean closed;
    private HealthMonitor health;

    private Orbitr(Builder builder, ProviderCatalog catalog, JdbcStore store) {
        this.dataDirectory = builder.dataDirectory;
        this.store = store;
        this.clock = builder.clock;
        this.catalog = catalog;
        this.engineSettings = builder.engineSettings;
        this.ownsScheduler = builder.scheduler == null;
        this.scheduler = ownsScheduler ? newScheduler() : builder.scheduler;
        this.processes = LocalProcessSupervisor.builder().clock(clock).scheduler(scheduler).build();
    }

    /** @return a builder with defaults: discovery on the context class loader, data under {@code ./orbitr-data} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this Orbitr's version */
    public static String version() {
        try (InputStream in = Orbitr.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** @return the directory under which the platform keeps its files */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** @return the platform's store, open and migrated */
    public Store store() {
        return store;
    }

    /** @return the platform's clock */
    public Clock clock() {
        return clock;
    }

    /** @return the platform's shared scheduler */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** @return the providers found and registered, and the ones that failed to load */
    public ProviderCatalog providers() {
        return catalog;
    }

    /** @return where the container engine is expected */
    public EngineSettings engineSettings() {
        return engineSettings;
    }

    /**
     * @return the container engine client, connected on first use and closed with the platform
     * @throws MissingProviderException when no container engine provider is on the class path
     */
    public ContainerEngine engine() {
        return services.require(ContainerEngine.class);
    }

    /**
     * @return the stream hub: live container (and process) logs and stats fanned out to many subscribers; its
     *         container streams use the engine, connected on first use
     */
    public StreamHub streams() {
        return streamHub;
    }

    /**
     * @param id the proxy's id ({@code traefik}, {@code caddy})
     * @return its generator
     * @throws MissingProviderException naming the artifact to add when there is none
     */
    public ProxyGenerator proxyGenerator(String id) {
        return catalog.require(ProviderKind.PROXY, id);
    }

    /**
     * @return the reverse-proxy routes and their configuration file (settings and routes kept in the store)
     */
    public ProxyManager proxies() {
        return proxies;
    }

    /**
     * Creates a check from a spec, with the provider of the spec's type. Its results are stamped with the time the
     * check started and how long it took.
     *
     * @param spec the check's type and options
     * @return the check
     * @throws MissingProviderException when no provider runs checks of that type
     * @throws io.orbitr.InvalidValueException when an option is bad
     */
    public HealthCheck healthCheck(CheckSpec spec) {
        return StampedCheck.of(createCheck(spec), clock);
    }

    /** The check as its provider made it, for the monitor, which stamps and bounds results itself. */
    private HealthCheck createCheck(CheckSpec spec) {
        HealthCheckProvider provider = catalog.require(ProviderKind.HEALTH_CHECK, spec.type());
        CheckOptions.validate(spec, provider.options());
        return provider.create(spec);
    }

    /**
     * @return every check type this platform can run, with the options each declares, sorted by type: what a server
     *     lists so a dashboard can build a form
     */
    public List<CheckType> healthCheckTypes() {
        return catalog.<HealthCheckProvider>all(ProviderKind.HEALTH_CHECK).values().stream()
                .map(provider -> new CheckType(provider.id(), provider.options()))
                .sorted(java.util.Comparator.comparing(CheckType::id)).toList();
    }

    /**
     * @return the native process supervisor; closing the platform stops every process it runs
     */
    public ProcessSupervisor processes() {
        return processes;
    }

    /**
     * @return the health monitor: targets, their status and history, scores and notifications; running since the
     *     platform started, with the targets stored by earlier runs
     */
    public HealthMonitor health() {
        return health;
    }

    /**
     * @param type a feature's public type, for example the jd-client module's {@code InstanceManager}
     * @param <T>  the type
     * @return the feature
     * @throws MissingProviderException naming the artifact to add when no provider offers it
     */
    public <T> T feature(Class<T> type) {
        return services.require(type);
    }

    /**
     * @param type a platform service's type
     * @param <T>  the type
     * @return the service, or empty when nothing provides it
     */
    public <T> Optional<T> lookup(Class<T> type) {
        return services.lookup(type);
    }

    /**
     * Stops every provider and every supervised process, closes the engine client, the store and the scheduler.
     * Idempotent; failures are logged and the rest still closes.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (streamHub != null) {
            // Before the engine client: the hub's streams must not see the engine go away and reconnect.
            streamHub.close();
        }
        for (Object service : services.createdServices()) {
            if (service instanceof AutoCloseable closeable && !closeables.contains(closeable)) {
                closeables.push(closeable);
            }
        }
        while (!closeables.isEmpty()) {
            AutoCloseable next = closeables.pop();
            try {
                next.close();
            } catch (Exception e) {
                log.warn("while closing Orbitr, {} failed to close: {}", next, e.toString());
            }
        }
    }

    private void start() {
        closeables.push(store);
        if (ownsScheduler) {
            closeables.push(() -> {
                scheduler.shutdownNow();
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            });
        }
        // Closed after the providers (they may stop their own processes first), before the scheduler.
        closeables.push(processes);
        migrate();
        registerServices();
        PlatformContext context = new PlatformContext(dataDirectory, store, clock, scheduler, services);
        startProviders(context);
        Collection<FeatureProvider<?>> features = catalog.<FeatureProvider<?>>all(ProviderKind.FEATURE).values();
        features.forEach(feature -> registerFeature(feature, context));
        startHealthMonitor();
        createFeatures(features);
    }

    private void migrate() {
        Map<String, List<Migration>> schema = new LinkedHashMap<>();
        schema.put(CoreSchema.COMPONENT, CoreSchema.migrations());
        for (Provider provider : catalog.instances()) {
            if (!provider.migrations().isEmpty()) {
                schema.put(provider.id(), provider.migrations());
            }
        }
        new SchemaMigrator(store, clock).migrate(schema);
    }

    private void registerServices() {
        services.register(Store.class, () -> store, "orbitr-core");
        services.register(ProcessSupervisor.class, () -> processes, "orbitr-core");
        Map<String, ContainerEngineProvider> engines = catalog.all(ProviderKind.ENGINE);
        if (engines.isEmpty()) {
            services.registerMissing(ContainerEngine.class, ProviderKind.ENGINE.label(),
                    ProviderKind.ENGINE.defaultArtifact());
        } else {
            ContainerEngineProvider engineProvider = engines.values().iterator().next();
            services.register(ContainerEngine.class, () -> engineProvider.connect(engineSettings),
                    ProviderKind.ENGINE.defaultArtifact());
        }
        proxies = new ProxyManager(store, clock, dataDirectory, this::proxyGenerator,
                ProxyManager.defaultProvider(catalog.all(ProviderKind.PROXY).keySet()));
        services.register(ProxyManager.class, () -> proxies, "orbitr-core");
        streamHub = StreamHub.builder().engine(() -> engine().streams()).clock(clock).scheduler(scheduler).build();
        services.register(StreamHub.class, () -> streamHub, "orbitr-core");
    }

    private void startProviders(PlatformContext context) {
        for (Provider provider : catalog.instances()) {
            try {
                provider.start(context);
            } catch (RuntimeException e) {
                throw new OrbitrException("provider '" + provider.id() + "' (" + provider.getClass().getName()
                        + ") failed to start: " + e.getMessage(), e);
            }
            closeables.push(provider::stop);
        }
    }

    private void startHealthMonitor() {
        HealthMonitor.Builder monitor = HealthMonitor.builder(store, this::createCheck).clock(clock);
        if (!ownsScheduler) {
            // A host that injects its scheduler drives time itself; otherwise the monitor's own timer is leaner.
            monitor.scheduler(scheduler);
        }
        health = monitor
                .sinks(catalog.<NotificationSink>all(ProviderKind.NOTIFICATION).values())
                .engine(() -> services.lookup(ContainerEngine.class))
                .supervisor(() -> services.lookup(ProcessSupervisor.class))
                .build();
        closeables.push(health);
        services.register(HealthMonitor.class, () -> health, "orbitr-core");
    }

    /**
     * Features are created now, not on first use: a feature may resume work at start (the jd-client instances that
     * were running before a restart), and must not wait for a host to ask for it.
     */
    private void createFeatures(Collection<FeatureProvider<?>> features) {
        for (FeatureProvider<?> feature : features) {
            try {
                services.lookup(feature.type());
            } catch (RuntimeException e) {
                throw new OrbitrException("feature '" + feature.id() + "' (" + feature.getClass().getName()
                        + ") failed to start: " + e.getMessage(), e);
            }
        }
    }

    private <T> void registerFeature(FeatureProvider<T> feature, PlatformContext context) {
        services.register(feature.type(), () -> feature.create(context), ProviderKind.FEATURE.artifactFor(feature.id()));
    }

    private static ScheduledExecutorService newScheduler() {
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(
                Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
                    Thread thread = new Thread(runnable, "orbitr-scheduler-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(executor);
    }

    /** Assembles an {@link Orbitr}. Not thread-safe; build once. */
    public static final class Builder {
        private Optional<ClassLoader> classLoader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .or(() -> Optional.of(Orbitr.class.getClassLoader()));
        private final List<Provider> explicit = new ArrayList<>();
        private Path dataDirectory = Path.of("orbitr-data");
        private DataSource dataSource;
        private String dataSourceDescription;
        private boolean inMemory;
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService scheduler;
        private EngineSettings engineSettings =
                EngineSettings.fromEnvironment(Optional.ofNullable(System.getenv("DOCKER_HOST")));

        private Builder() {
        }

        /**
         * @param loader the class loader on which to discover providers
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Optional.of(loader);
            return this;
        }

        /** @return this builder, with discovery off: only explicitly registered providers are used */
        public Builder noDiscovery() {
            this.classLoader = Optional.empty();
            return this;
        }

        /**
         * Registers providers explicitly. They win over discovered providers with the same id.
         *
         * @param providers the providers
         * @return this builder
         */
        public Builder register(Provider... providers) {
            for (Provider provider : providers) {
                explicit.add(Objects.requireNonNull(provider, "provider"));
            }
            return this;
        }

        /**
         * @param directory where the platform keeps its files and, unless another store is chosen, its H2 database
         * @return this builder
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** @return this builder, with a private in-memory H2 store (for tests) */
        public Builder inMemoryStore() {
            this.inMemory = true;
            this.dataSource = null;
            return this;
        }

        /**
         * Uses the host's own database. The host keeps ownership: closing the platform does not close it.
         *
         * @param source      the data source
         * @param description how status output names it (no credentials)
         * @return this builder
         */
        public Builder dataSource(DataSource source, String description) {
            this.dataSource = Objects.requireNonNull(source, "source");
            this.dataSourceDescription = Objects.requireNonNull(description, "description");
            this.inMemory = false;
            return this;
        }

        /**
         * @param clock the clock every component reads (tests inject a controllable one)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Uses the host's scheduler instead of the platform's own. The host keeps ownership.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * @param settings where the container engine listens (default: {@code DOCKER_HOST}, else the local socket)
         * @return this builder
         */
        public Builder engine(EngineSettings settings) {
            this.engineSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Discovers providers, opens and migrates the store, and starts every provider.
         *
         * @return the platform
         * @throws OrbitrException when assembly fails; everything opened so far is closed again
         */
        public Orbitr build() {
            ProviderCatalog catalog = ProviderCatalog.discover(classLoader, explicit);
            JdbcStore store = inMemory ? H2Stores.inMemory()
                    : dataSource != null ? new JdbcStore(dataSource, dataSourceDescription, () -> { })
                    : H2Stores.file(dataDirectory);
            Orbitr orbitr = new Orbitr(this, catalog, store);
            try {
                orbitr.start();
            } catch (RuntimeException e) {
                orbitr.close();
                throw e;
            }
            log.debug("Orbitr {} assembled with {} providers", version(), catalog.infos().size());
            return orbitr;
        }
    }
}
