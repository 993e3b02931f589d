package io.orbitr.core;

import io.orbitr.InvalidValueException;
import io.orbitr.MissingProviderException;
import io.orbitr.OrbitrException;
import io.orbitr.cluster.Leases;
import io.orbitr.backup.BackupParticipant;
import io.orbitr.backup.Backups;
import io.orbitr.core.assembly.ProviderCatalog;
import io.orbitr.core.backup.PlatformBackups;
import io.orbitr.core.assembly.ProviderKind;
import io.orbitr.core.cluster.ChangeFeed;
import io.orbitr.core.cluster.ClusterSchema;
import io.orbitr.core.cluster.StoreLeases;
import io.orbitr.core.extension.ExtensionSchema;
import io.orbitr.core.extension.ExtensionSettings;
import io.orbitr.core.extension.PlatformExtensionManager;
import io.orbitr.core.engine.EngineRegistry;
import io.orbitr.core.health.PlatformHealthMonitor;
import io.orbitr.core.notify.WebhookSettings;
import io.orbitr.core.health.StampedCheck;
import io.orbitr.core.metrics.JdbcTimeSeries;
import io.orbitr.core.metrics.StatsRecorder;
import io.orbitr.core.metrics.TimeSeriesSchema;
import io.orbitr.core.process.LocalProcessSupervisor;
import io.orbitr.core.process.ProcessSchema;
import io.orbitr.core.proxy.PlatformProxyManager;
import io.orbitr.core.secret.AesGcmSecretBox;
import io.orbitr.core.secret.PlatformSecrets;
import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.H2Stores;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.SqlDialect;
import io.orbitr.core.store.Stores;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.core.stream.PlatformStreamHub;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerEngineProvider;
import io.orbitr.engine.EngineSettings;
import io.orbitr.extension.ExtensionManager;
import io.orbitr.engine.Engines;
import io.orbitr.health.CheckOptions;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.CheckType;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthCheckProvider;
import io.orbitr.health.HealthMonitor;
import io.orbitr.notify.NotificationInbox;
import io.orbitr.metrics.StatsHistory;
import io.orbitr.metrics.StatsHistorySettings;
import io.orbitr.metrics.TimeSeries;
import io.orbitr.notify.NotificationSink;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.proxy.ProxyGenerator;
import io.orbitr.proxy.ProxyManager;
import io.orbitr.secret.SecretBox;
import io.orbitr.spi.FeatureProvider;
import io.orbitr.spi.Provider;
import io.orbitr.store.Migration;
import io.orbitr.store.H2Settings;
import io.orbitr.store.Store;
import io.orbitr.store.StoreSettings;
import io.orbitr.stream.StreamHub;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
    private final List<EngineSettings> explicitEngines;
    private volatile EngineRegistry engines;
    private final Optional<byte[]> secretKey;
    private final boolean keyFileAllowed;
    private volatile SecretBox secrets;
    private final PlatformServices services = new PlatformServices();
    private final LocalProcessSupervisor processes;
    private volatile PlatformProxyManager proxies;
    private volatile PlatformBackups backups;
    /** Things to close, last opened first. */
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private volatile PlatformStreamHub streamHub;
    private volatile boolean closed;
    private volatile PlatformHealthMonitor health;
    private final Object healthLock = new Object();
    private StoreLeases leases;
    /** Whether the health targets are shared with other servers; empty: when the store is PostgreSQL. */
    private final Optional<Boolean> shareHealth;
    private final Duration healthLeaseTtl;
    /** A PostgreSQL store's password source: backups hand the password to pg_dump. */
    private final io.orbitr.store.PasswordSource storePassword;
    /** Whether other servers may share this store: with PostgreSQL, unless told otherwise; set once it is open. */
    private boolean sharesStore;
    /** Recurring jobs that one server runs for all (when several share a PostgreSQL store). */
    private io.orbitr.core.cluster.SingletonJobs singletonJobs;
    private ChangeFeed changes;
    private final ExtensionSettings extensionSettings;
    private volatile PlatformExtensionManager extensions;
    private final StatsHistorySettings statsSettings;
    private volatile JdbcTimeSeries timeSeries;
    private volatile StatsRecorder statsHistory;
    /** Providers started (true) or starting or failed (false), by identity: each is started once. */
    private final Map<Provider, Boolean> startedProviders = new java.util.IdentityHashMap<>();

    private Orbitr(Builder builder, ProviderCatalog catalog, JdbcStore store) {
        this.dataDirectory = builder.dataDirectory;
        this.store = store;
        this.clock = builder.clock;
        this.catalog = catalog;
        this.engineSettings = builder.engineSettings;
        this.explicitEngines = List.copyOf(builder.explicitEngines.values());
        this.secretKey = builder.secretKey;
        this.keyFileAllowed = !builder.inMemory;
        this.extensionSettings = builder.extensionSettings;
        this.statsSettings = builder.statsSettings;
        this.shareHealth = builder.shareHealth;
        this.healthLeaseTtl = builder.healthLeaseTtl;
        this.storePassword = builder.storeSettings.filter(io.orbitr.store.PostgresqlSettings.class::isInstance)
                .map(settings -> ((io.orbitr.store.PostgresqlSettings) settings).password())
                .orElse(io.orbitr.store.PasswordSource.none());
        this.ownsScheduler = builder.scheduler == null;
        this.scheduler = ownsScheduler ? newScheduler() : builder.scheduler;
        // With the store: each run is recorded, so that what a crashed host left running is found at the next start.
        this.processes = LocalProcessSupervisor.builder().clock(clock).scheduler(scheduler).store(store)
                .dataDirectory(dataDirectory).build();
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

    /**
     * @return the platform's secret box: seals secret values before they are stored, under the key from
     *     {@link Builder#secretKey(byte[])}, {@code ORBITR_SECRET_KEY} or {@code <data-dir>/secret.key}
     */
    public SecretBox secrets() {
        return secrets;
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

    /** @return where the {@code local} container engine is expected */
    public EngineSettings engineSettings() {
        return engines.find(EngineSettings.LOCAL).orElse(engineSettings);
    }

    /**
     * @return the {@code local} container engine client, connected on first use and closed with the platform; the
     *     same as {@code engines().local()}
     * @throws MissingProviderException when no container engine provider is on the class path
     */
    public ContainerEngine engine() {
        return engines.local();
    }

    /**
     * @return the container engine endpoints: {@code local}, and the ones the settings, the builder or
     *     {@code --engine} add; {@code engines().get("edge")} is the engine of one
     */
    public Engines engines() {
        return engines;
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
     * @return the platform's backups: archives of the store, the data directory's files and, on request, the
     *     labelled volumes; restore; scheduled backups with retention from the settings
     */
    public Backups backups() {
        return backups;
    }

    /**
     * Creates a check from a spec, with the provider of the spec's type. Its results are stamped with the time the
     * check started and how long it took.
     *
     * @param spec the check's type and options
     * @return the check
     * @throws MissingProviderException when no provider runs checks of that type
     * @throws InvalidValueException when an option is bad
     */
    public HealthCheck healthCheck(CheckSpec spec) {
        return StampedCheck.of(createCheck(spec), clock);
    }

    /** The check as its provider made it, for the monitor, which stamps and bounds results itself. */
    private HealthCheck createCheck(CheckSpec spec) {
        if (HealthMonitor.PUSH.equals(spec.type())) {
            throw new InvalidValueException("check type", spec.type(), "is a push target's: nothing runs it; add a"
                    + " target with it (health().add) and report its results with health().record(id, result)");
        }
        HealthCheckProvider provider = catalog.require(ProviderKind.HEALTH_CHECK, spec.type(),
                List.of(HealthMonitor.PUSH));
        CheckOptions.validate(spec, provider.options());
        return provider.create(spec);
    }

    /**
     * @return every check type this platform can run, with the options each declares, sorted by type: what a server
     *     lists so a dashboard can build a form
     */
    public List<CheckType> healthCheckTypes() {
        return java.util.stream.Stream.concat(catalog.<HealthCheckProvider>all(ProviderKind.HEALTH_CHECK).values()
                        .stream().map(provider -> new CheckType(provider.id(), provider.options())),
                        java.util.stream.Stream.of(PlatformHealthMonitor.pushCheckType()))
                .sorted(java.util.Comparator.comparing(CheckType::id)).toList();
    }

    /**
     * @return the native process supervisor; closing the platform stops every process it runs. Its runs are recorded
     *     in the store: programs that a host killed without closing left running are stopped when the next
     *     platform on the same data directory assembles (see {@link LocalProcessSupervisor#recoverSurvivors()})
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
     * @return the notification inbox: the health monitor's status changes, resends and remediation reports, with a
     *     read flag, and the sinks that deliver them
     */
    public NotificationInbox notifications() {
        return health.inbox();
    }

    /**
     * @return the extension manager: apps installed from a manifest as containers, with health checks and a proxy
     *     route each; an install a crash interrupted was completed or undone when the platform started
     */
    public ExtensionManager extensions() {
        return extensions;
    }

    /**
     * @return named leases in the store, for jobs that must run on one server at a time when several servers share
     *     a PostgreSQL store; this platform's leases are released when it closes
     */
    public Leases leases() {
        return leases;
    }

    /**
     * @return the time-series store: raw samples with minute, hour and day rollups kept at ingest, range queries,
     *     retention per kind (purged every hour); container stats and jd-client metrics live there
     */
    public TimeSeries timeSeries() {
        return timeSeries;
    }

    /**
     * @return the recorded stats of the local engine's running containers (every 10 s and kept 7 days unless
     *     {@link Builder#statsHistory(StatsHistorySettings)} or {@link StatsHistory#configure} say otherwise)
     */
    public StatsHistory statsHistory() {
        return statsHistory;
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
        leases = new StoreLeases(store, leaseHolder(), clock);
        closeables.push(leases::releaseAll);
        SqlDialect dialect = store.read(SqlDialect::of);
        sharesStore = shareHealth.orElse(dialect == SqlDialect.POSTGRESQL);
        singletonJobs = new io.orbitr.core.cluster.SingletonJobs(leases, sharesStore);
        changes = new ChangeFeed(store.dataSource(), leases.holder(), dialect);
        closeables.push(changes);
        openSecrets();
        // Before anything can start a program: what a host that died left running is stopped first, so that the
        // features that start their programs again (jd-client instances) never run one twice.
        processes.recoverSurvivors();
        registerServices();
        PlatformContext context = new PlatformContext(dataDirectory, store, clock, scheduler, services);
        // Every service is registered (lazily) before any provider starts, so that a provider finds the health
        // monitor, the extensions and the other providers' features in its start() whatever the order providers
        // start in; a feature asked for before its provider started starts that provider first.
        Collection<FeatureProvider<?>> features = catalog.<FeatureProvider<?>>all(ProviderKind.FEATURE).values();
        features.forEach(feature -> registerFeature(feature, context));
        registerHealthMonitor();
        services.register(ExtensionManager.class, this::createExtensions, "orbitr-core");
        startProviders(context);
        // After the providers: the generator that renders and reloads is one of them.
        proxies.recover();
        services.lookup(healthType());
        services.lookup(ExtensionManager.class);
        createFeatures(features);
        backups.startSchedule(every -> singletonJobs.mayRun("scheduled-backup", every));
        startStatsHistory();
    }

    /** A name unique to this running platform: the host, the process and a random part (one JVM may run two). */
    private static String leaseHolder() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        String random = java.util.UUID.randomUUID().toString().substring(0, 8);
        return host + "/" + ProcessHandle.current().pid() + "/" + random;
    }

    private void migrate() {
        Map<String, List<Migration>> schema = new LinkedHashMap<>();
        schema.put(CoreSchema.COMPONENT, CoreSchema.migrations());
        schema.put(ProcessSchema.COMPONENT, ProcessSchema.migrations());
        schema.put(ExtensionSchema.COMPONENT, ExtensionSchema.migrations());
        schema.put(ClusterSchema.COMPONENT, ClusterSchema.migrations());
        // After the core component: its version 1 moves 0.1's metrics table, which the core schema created.
        schema.put(TimeSeriesSchema.COMPONENT, TimeSeriesSchema.migrations());
        for (Provider provider : catalog.instances()) {
            if (!provider.migrations().isEmpty()) {
                schema.put(provider.id(), provider.migrations());
            }
        }
        new SchemaMigrator(store, clock).migrate(schema);
    }

    /**
     * After the migrations (the key check lives in the settings table), before any provider starts: providers find
     * the box as a service, and rows written in clear by 0.1 are sealed before anything reads them.
     */
    private void openSecrets() {
        PlatformSecrets finder = PlatformSecrets.builder(store).clock(clock);
        secretKey.ifPresent(finder::key);
        if (keyFileAllowed) {
            finder.keyFile(dataDirectory.resolve(PlatformSecrets.KEY_FILE));
        }
        AesGcmSecretBox box = finder.open();
        secrets = box;
        WebhookSettings.sealClearRows(store, box, clock.millis());
    }

    private void registerServices() {
        services.register(Store.class, () -> store, "orbitr-core");
        services.register(SecretBox.class, () -> secrets, "orbitr-core");
        services.register(ProcessSupervisor.class, () -> processes, "orbitr-core");
        timeSeries = new JdbcTimeSeries(store, clock);
        timeSeries.adoptLegacySamples();
        services.register(TimeSeries.class, () -> timeSeries, "orbitr-core");
        Map<String, ContainerEngineProvider> engineProviders = catalog.all(ProviderKind.ENGINE);
        Optional<ContainerEngineProvider> engineProvider = engineProviders.values().stream().findFirst();
        engines = new EngineRegistry(store, clock, engineProvider, engineSettings, explicitEngines);
        // Closed after the providers and the stream hub, which use its clients.
        closeables.push(engines);
        services.register(Engines.class, () -> engines, "orbitr-core");
        if (engineProvider.isEmpty()) {
            services.registerMissing(ContainerEngine.class, ProviderKind.ENGINE.label(),
                    ProviderKind.ENGINE.defaultArtifact());
        } else {
            services.register(ContainerEngine.class, () -> engines.local(), ProviderKind.ENGINE.defaultArtifact());
        }
        proxies = new PlatformProxyManager(store, clock, dataDirectory, this::proxyGenerator,
                PlatformProxyManager.defaultProvider(catalog.all(ProviderKind.PROXY).keySet()));
        // Servers sharing a PostgreSQL store: a route changed on one is rewritten into every server's file.
        proxies.announceChangesWith(connection -> {
            changes.publish(connection, "proxy");
            return null;
        });
        changes.subscribe("proxy", proxies::regenerate);
        services.register(ProxyManager.class, () -> proxies, "orbitr-core");
        backups = new PlatformBackups(store, dataDirectory, clock, scheduler, this::engine, this::backupParticipants,
                this::proxyFile, storePassword);
        closeables.push(backups);
        services.register(Backups.class, () -> backups, "orbitr-core");
        streamHub = PlatformStreamHub.builder().engines(endpoint -> engines.get(endpoint).streams()).clock(clock)
                .scheduler(scheduler).build();
        engines.onChange(streamHub::endpointChanged);
        services.register(StreamHub.class, () -> streamHub, "orbitr-core");
    }

    /** Providers that leave files out of backups implement the hook next to their own SPI. */
    private List<BackupParticipant> backupParticipants() {
        List<BackupParticipant> participants = new ArrayList<>();
        for (Provider provider : catalog.instances()) {
            if (provider instanceof BackupParticipant participant) {
                participants.add(participant);
            }
        }
        return participants;
    }

    /** The proxy's configuration file, when a generator for the configured proxy is present. */
    private Optional<Path> proxyFile() {
        try {
            return Optional.of(proxies.outputFile());
        } catch (OrbitrException e) {
            return Optional.empty();
        }
    }

    private void startProviders(PlatformContext context) {
        for (Provider provider : catalog.instances()) {
            startProvider(provider, context);
        }
    }

    /**
     * Starts a provider once: in catalog order, or earlier when another provider's start() asks for its feature.
     * When two providers look each other's features up in start(), the second lookup finds its provider already
     * starting further up the stack: its feature is then created without waiting for that start() to return.
     */
    private void startProvider(Provider provider, PlatformContext context) {
        synchronized (startedProviders) {
            if (startedProviders.containsKey(provider)) {
                return;
            }
            startedProviders.put(provider, false);
            try {
                provider.start(context);
            } catch (RuntimeException e) {
                throw e instanceof OrbitrException && e.getMessage() != null && e.getMessage().startsWith("provider '")
                        ? e : new OrbitrException("provider '" + provider.id() + "' (" + provider.getClass().getName()
                                + ") failed to start: " + e.getMessage(), e);
            }
            startedProviders.put(provider, true);
            closeables.push(provider::stop);
        }
    }

    /** The type {@link #health()} returns, under which providers look the monitor up. */
    private static Class<HealthMonitor> healthType() {
        return HealthMonitor.class;
    }

    private void registerHealthMonitor() {
        services.register(healthType(), this::createHealthMonitor, "orbitr-core");
        services.register(NotificationInbox.class, () -> createHealthMonitor().inbox(), "orbitr-core");
    }

    /** Created on first lookup: by a provider's start(), or at the latest once every provider has started. */
    private PlatformHealthMonitor createHealthMonitor() {
        synchronized (healthLock) {
            if (health == null) {
                PlatformHealthMonitor.Builder monitor = PlatformHealthMonitor.builder(store, this::createCheck)
                        .clock(clock);
                if (!ownsScheduler) {
                    // A host that injects its scheduler drives time itself; otherwise the monitor's own timer is
                    // leaner.
                    monitor.scheduler(scheduler);
                }
                if (sharesStore) {
                    monitor.share(leases, healthLeaseTtl).liveStatus(changes);
                }
                health = monitor
                        .sinks(catalog.<NotificationSink>all(ProviderKind.NOTIFICATION).values())
                        .engine(() -> services.lookup(ContainerEngine.class))
                        .engines(() -> services.lookup(Engines.class))
                        .supervisor(() -> services.lookup(ProcessSupervisor.class))
                        .build();
                closeables.push(health);
            }
            return health;
        }
    }

    /** After the providers: the engine is one of them. The hourly purge covers every kind, container stats too. */
    private void startStatsHistory() {
        statsHistory = new StatsRecorder(() -> services.lookup(ContainerEngine.class), timeSeries, store, clock,
                scheduler, statsSettings);
        closeables.push(statsHistory);
        services.register(StatsHistory.class, () -> statsHistory, "orbitr-core");
        statsHistory.start(!catalog.all(ProviderKind.ENGINE).isEmpty());
        Runnable purgeOnOneServer = () -> {
            if (singletonJobs.mayRun("metrics-purge", Duration.ofHours(1))) {
                timeSeries.purgeAll();
            }
        };
        java.util.concurrent.ScheduledFuture<?> purge = scheduler.scheduleWithFixedDelay(purgeOnOneServer, 1, 60,
                TimeUnit.MINUTES);
        closeables.push(() -> purge.cancel(false));
    }

    private ExtensionManager createExtensions() {
        extensions = new PlatformExtensionManager(store, clock, dataDirectory, engines,
                services.require(healthType()), proxies, extensionSettings, secrets);
        extensions.recover();
        return extensions;
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
        services.register(feature.type(), () -> {
            startProvider(feature, context);
            return feature.create(context);
        }, ProviderKind.FEATURE.artifactFor(feature.id()));
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
        private Optional<StoreSettings> storeSettings = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService scheduler;
        private Optional<byte[]> secretKey = Optional.empty();
        private ExtensionSettings extensionSettings = ExtensionSettings.defaults();
        private StatsHistorySettings statsSettings = StatsHistorySettings.defaults();
        private Optional<Boolean> shareHealth = Optional.empty();
        private Duration healthLeaseTtl = PlatformHealthMonitor.DEFAULT_LEASE_TTL;
        private EngineSettings engineSettings =
                EngineSettings.fromEnvironment(Optional.ofNullable(System.getenv("DOCKER_HOST")));
        private final Map<String, EngineSettings> explicitEngines = new LinkedHashMap<>();

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
            this.storeSettings = Optional.empty();
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
            this.storeSettings = Optional.empty();
            return this;
        }

        /**
         * Chooses the store: {@link StoreSettings#h2()} (the default), {@link StoreSettings#h2InMemory()}, or a
         * PostgreSQL database ({@link io.orbitr.store.PostgresqlSettings}), which the platform opens with a
         * connection pool and closes with itself.
         *
         * @param settings the store
         * @return this builder
         */
        public Builder store(StoreSettings settings) {
            Objects.requireNonNull(settings, "settings");
            this.storeSettings = Optional.of(settings);
            this.inMemory = settings instanceof H2Settings h2 && h2.inMemory();
            this.dataSource = null;
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
            Objects.requireNonNull(settings, "settings");
            if (settings.name().equals(EngineSettings.LOCAL)) {
                this.engineSettings = settings;
            }
            // Given by the host: it wins over a stored endpoint of the same name, for this run (not stored).
            explicitEngines.put(settings.name(), settings);
            return this;
        }

        /**
         * Adds engine endpoints for this run (not stored; {@code orbitr.engines().save(...)} stores one). An
         * endpoint named {@code local} replaces the default.
         *
         * @param endpoints the endpoints
         * @return this builder
         */
        public Builder engines(List<EngineSettings> endpoints) {
            endpoints.forEach(this::engine);
            return this;
        }

        /**
         * Gives the key that seals the secrets in the store (AES-256-GCM). It wins over the {@code ORBITR_SECRET_KEY}
         * environment variable and over the data directory's {@code secret.key}, which is otherwise read, or created
         * with mode 600 at the first start. A store sealed with another key refuses to open.
         *
         * @param key 32 random bytes (copied)
         * @return this builder
         * @throws InvalidValueException when the key is not 32 bytes (the key is never shown)
         */
        public Builder secretKey(byte[] key) {
            Objects.requireNonNull(key, "key");
            if (key.length != AesGcmSecretBox.KEY_BYTES) {
                throw new InvalidValueException("secretKey", "(" + key.length + " bytes)", "must be "
                        + AesGcmSecretBox.KEY_BYTES + " bytes (256 bits)");
            }
            this.secretKey = Optional.of(key.clone());
            return this;
        }

        /**
         * @param settings how often the running containers' stats are recorded ({@link java.time.Duration#ZERO} for off) and
         *                 how long they are kept (default: every 10 s, 7 days); settings stored with
         *                 {@link StatsHistory#configure} win over these
         * @return this builder
         */
        public Builder statsHistory(StatsHistorySettings settings) {
            this.statsSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Whether this server shares the health targets with the other servers on the same store, each target
         * checked by one live server (default: shared when the store is PostgreSQL, not on the embedded H2 store).
         * Every server knows every target's live status: the checking server announces its results to the others.
         *
         * @param share    whether to share
         * @param leaseTtl how long a server's leases outlive it: its targets are taken over about this long after it
         *                 dies (default 5 s; keep it at most the shortest check interval), 200 ms to 1 hour
         * @return this builder
         */
        public Builder shareHealthTargets(boolean share, Duration leaseTtl) {
            Objects.requireNonNull(leaseTtl, "leaseTtl");
            if (leaseTtl.compareTo(Duration.ofMillis(200)) < 0 || leaseTtl.compareTo(Duration.ofHours(1)) > 0) {
                throw new InvalidValueException("leaseTtl", leaseTtl, "must be between 200 ms and 1 hour");
            }
            this.shareHealth = Optional.of(share);
            this.healthLeaseTtl = leaseTtl;
            return this;
        }

        /**
         * @param settings extension catalog directories, how routes reach extensions, whether images are pulled
         * @return this builder
         */
        public Builder extensions(ExtensionSettings settings) {
            this.extensionSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Like {@link #secretKey(byte[])}, for a key in base64 (what {@code head -c 32 /dev/urandom | base64}
         * prints).
         *
         * @param base64 the key in base64
         * @return this builder
         * @throws InvalidValueException when it is not base64 of 32 bytes (the text is never shown)
         */
        public Builder secretKey(String base64) {
            Objects.requireNonNull(base64, "base64");
            byte[] key;
            try {
                key = Base64.getDecoder().decode(base64.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("secretKey", "(hidden)", "must be "
                        + AesGcmSecretBox.KEY_BYTES + " bytes in base64");
            }
            try {
                return secretKey(key);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }

        /**
         * Discovers providers, opens and migrates the store, and starts every provider.
         *
         * @return the platform
         * @throws OrbitrException when assembly fails; everything opened so far is closed again
         */
        public Orbitr build() {
            ProviderCatalog catalog = ProviderCatalog.discover(classLoader, explicit);
            JdbcStore store = storeSettings.isPresent() ? Stores.open(storeSettings.get(), dataDirectory)
                    : inMemory ? H2Stores.inMemory()
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
