package io.orbitr.jdclient.instance;

import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.UnavailableException;
import io.orbitr.core.metrics.JdbcTimeSeries;
import io.orbitr.core.secret.PlatformSecrets;
import io.orbitr.jdclient.config.JdcConfig;
import io.orbitr.jdclient.config.SavedConfig;
import io.orbitr.jdclient.config.SavedConfigs;
import io.orbitr.jdclient.config.TomlRenderer;
import io.orbitr.jdclient.health.HealthHistory;
import io.orbitr.jdclient.health.HealthReport;
import io.orbitr.jdclient.log.LogLevel;
import io.orbitr.jdclient.metrics.MetricStore;
import io.orbitr.jdclient.monitoring.MonitoringClient;
import io.orbitr.jdclient.update.BinaryUpdater;
import io.orbitr.metrics.TimeSeries;
import io.orbitr.process.ProcessSpec;
import io.orbitr.process.ProcessState;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.process.RestartPolicy;
import io.orbitr.secret.SecretBox;
import io.orbitr.store.Store;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs many jd-client instances on one host. Each instance has a UUID, a unique name, a saved configuration, its own
 * TOML file under {@code DATA/jdclient/instances/ID/jdc-config.toml}, and its own process in the
 * {@link ProcessSupervisor} (named {@code jdc-ID}, stopped with SIGINT and a 10 s grace period). Instances that
 * were running when the platform stopped are started again when the manager is built, exactly once: the platform's
 * supervisor has stopped by then the processes that a host killed without closing left running (see
 * {@code LocalProcessSupervisor.recoverSurvivors()}), and a name never runs twice in a supervisor.
 *
 * <p>Each instance runs the binary its {@link BinaryResolver} names, by default through the {@link #updater()}: a
 * pinned release's own copy, else the current release's per-version copy. The path is fixed in the process when it
 * starts, so a restart after a crash stays on the same release; an instance moves to a newly installed release only
 * when it is restarted with {@link #restart(String)}.
 *
 * <p>With a scheduler, the manager collects each instance's metrics and health every collection interval and
 * applies the retention every cleanup interval; without one, {@link #collectNow()} and {@link #cleanupNow()} do
 * it on demand.
 *
 * <pre>{@code
 * InstanceManager jdc = orbitr.feature(InstanceManager.class);
 * SavedConfig config = jdc.configs().create("pool-a", "main pool", JdcConfig.builder()...build());
 * jdc.create("miner-1", "pool-a");
 * jdc.start("miner-1");
 * jdc.logs("miner-1", 50).forEach(line -> System.out.println(line.text()));
 * }</pre>
 *
 * Thread-safe: lifecycle operations on one instance are serialised, operations on different instances run in
 * parallel.
 */
public final class InstanceManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InstanceManager.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern VERSION = Pattern.compile("v?[0-9]+(\\.[0-9]+){0,3}([-+][A-Za-z0-9.]{1,40})?");

    private final ProcessSupervisor supervisor;
    private final Clock clock;
    private final SavedConfigs configs;
    private final MetricStore metrics;
    private final HealthHistory history;
    private final InstanceRepository repository;
    private final InstanceFiles files;
    private final InstanceWatcher watcher;
    private final BinaryUpdater updater;
    private final BinaryResolver binaryResolver;
    private final Builder settings;
    private final Map<String, InstanceRuntime> runtimes = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private final ExecutorService collector;
    private final AtomicBoolean collecting = new AtomicBoolean();
    private volatile boolean closed;

    private InstanceManager(Builder b) {
        this.settings = b;
        this.supervisor = b.supervisor;
        this.clock = b.clock;
        this.configs = new SavedConfigs(b.store, b.clock, b.secrets.orElseGet(() ->
                PlatformSecrets.builder(b.store).clock(b.clock).keyFile(b.dataDirectory.resolve(PlatformSecrets.KEY_FILE))
                        .open()));
        // Orbitr 0.1 kept the authority secret keys in clear: seal them before anything else reads the rows.
        configs.sealClearRows();
        this.metrics = new MetricStore(b.timeSeries.orElseGet(() -> new JdbcTimeSeries(b.store, b.clock)), b.retention);
        this.history = new HealthHistory(b.store);
        this.repository = new InstanceRepository(b.store, b.clock);
        this.files = new InstanceFiles(b.dataDirectory);
        this.watcher = new InstanceWatcher(b.supervisor, metrics, history, b.clock, b.memoryLimitBytes,
                b.logBufferLines);
        this.updater = b.updater.orElseGet(() -> new BinaryUpdater(b.dataDirectory, b.store, b.clock));
        this.binaryResolver = b.binaryResolver.orElseGet(() -> BinaryResolver.updater(updater));
        this.collector = b.scheduler.isPresent() ? Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "orbitr-jdclient-collector");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /**
     * @param store         the platform's store, migrated with the core schema and this module's migrations
     *                      ({@link io.orbitr.jdclient.JdClientFeatureProvider#migrations()})
     * @param supervisor    the process supervisor
     * @param dataDirectory the platform's data directory
     * @return a builder with defaults: binaries installed by a {@link BinaryUpdater} on GitHub's releases under
     *     {@code DATA/jdclient/}, RUST_LOG=info, metrics every 10 s kept 7 days, a memory limit of 1 GiB
     */
    public static Builder builder(Store store, ProcessSupervisor supervisor, Path dataDirectory) {
        return new Builder(store, supervisor, dataDirectory);
    }

    /**
     * Installs, lists and rolls back jd-client releases. Installing never touches a running instance: restart it
     * to move it to the new current release; an instance pinned to a version stays on it.
     *
     * @return the updater of the binaries the instances run
     */
    public BinaryUpdater updater() {
        return updater;
    }

    /** @return the saved configurations */
    public SavedConfigs configs() {
        return configs;
    }

    /** @return the instances' time series */
    public MetricStore metrics() {
        return metrics;
    }

    /** @return the instances' stored health results */
    public HealthHistory healthHistory() {
        return history;
    }

    /**
     * Creates an instance that will run the default binary.
     *
     * @param name       a unique name: letters, digits, '.', '_' and '-', up to 100
     * @param configRef  the name or id of a saved configuration
     * @return the instance, stopped
     */
    public Instance create(String name, String configRef) {
        return create(name, configRef, Optional.empty());
    }

    /**
     * Creates an instance.
     *
     * @param name          a unique name: letters, digits, '.', '_' and '-', up to 100
     * @param configRef     the name or id of a saved configuration
     * @param binaryVersion a release to run instead of the current binary, for example {@code v0.6.0}
     * @return the instance, stopped
     * @throws io.orbitr.ConflictException when the name is taken
     * @throws NotFoundException           when the configuration does not exist
     */
    public Instance create(String name, String configRef, Optional<String> binaryVersion) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidValueException("name", name, "must be 1 to 100 letters, digits, '.', '_' and '-',"
                    + " starting with a letter or digit");
        }
        binaryVersion.ifPresent(v -> {
            if (!VERSION.matcher(v).matches()) {
                throw new InvalidValueException("binaryVersion", v, "must be a release such as v0.6.0");
            }
        });
        SavedConfig config = configs.get(configRef);
        Instance instance = repository.insert(UUID.randomUUID().toString(), name, config.id(), binaryVersion);
        log.info("created jd-client instance '{}' ({}) from configuration '{}'", name, instance.id(), config.name());
        return instance;
    }

    /** @return every instance, by name */
    public List<Instance> list() {
        return repository.list();
    }

    /**
     * @param ref an instance's name or id
     * @return the instance
     * @throws NotFoundException when there is none
     */
    public Instance get(String ref) {
        return find(ref).orElseThrow(() -> new NotFoundException("jd-client instance", ref));
    }

    /**
     * @param ref an instance's name or id
     * @return the instance, or empty when there is none
     */
    public Optional<Instance> find(String ref) {
        return repository.find(Objects.requireNonNull(ref, "ref"));
    }

    /**
     * @param ref an instance's name or id
     * @return the instance and the state of its process
     */
    public InstanceStatus status(String ref) {
        Instance instance = get(ref);
        return new InstanceStatus(instance, processStatus(instance));
    }

    /**
     * Writes the instance's configuration file from its saved configuration and starts its process. Starting a
     * running instance changes nothing.
     *
     * @param ref an instance's name or id
     * @return the process's status
     * @throws io.orbitr.jdclient.config.InvalidConfigException when the saved configuration no longer validates
     * @throws UnavailableException when the jd-client binary is not installed
     */
    public ProcessStatus start(String ref) {
        Instance instance = get(ref);
        synchronized (lock(instance)) {
            ProcessStatus current = processStatus(instance);
            if (current.alive()) {
                repository.setDesiredState(instance.id(), DesiredState.RUNNING);
                return current;
            }
            ProcessSpec spec = prepare(instance);
            ProcessStatus started = supervisor.start(spec);
            repository.setDesiredState(instance.id(), DesiredState.RUNNING);
            follow(instance);
            log.info("started jd-client instance '{}' ({}), pid {}", instance.name(), instance.id(),
                    started.pid().isPresent() ? started.pid().getAsLong() : "unknown");
            return started;
        }
    }

    /**
     * Stops the instance's process: SIGINT, the grace period, then a kill of what remains. Blocks until it has
     * exited. Stopping a stopped instance changes nothing.
     *
     * @param ref an instance's name or id
     * @return the process's status
     */
    public ProcessStatus stop(String ref) {
        Instance instance = get(ref);
        synchronized (lock(instance)) {
            // Recorded first: a process that crashes while being stopped must not be brought back on next start.
            repository.setDesiredState(instance.id(), DesiredState.STOPPED);
            if (supervisor.status(instance.processName()).isEmpty()) {
                return processStatus(instance);
            }
            ProcessStatus stopped = supervisor.stop(instance.processName());
            log.info("stopped jd-client instance '{}' ({})", instance.name(), instance.id());
            return stopped;
        }
    }

    /**
     * Rewrites the configuration file from the saved configuration (picking up its changes) and restarts the
     * process, or starts it when it was not running. The binary is resolved again, so an instance that is not
     * pinned to a version moves to the release installed since it started.
     *
     * @param ref an instance's name or id
     * @return the process's status right after the start
     */
    public ProcessStatus restart(String ref) {
        Instance instance = get(ref);
        synchronized (lock(instance)) {
            ProcessSpec previous = Optional.ofNullable(runtimes.get(instance.id())).map(r -> r.spec).orElse(null);
            boolean known = supervisor.status(instance.processName()).isPresent();
            ProcessSpec spec = prepare(instance);
            ProcessStatus started;
            if (known && spec.equals(previous)) {
                started = supervisor.restart(instance.processName());
            } else {
                if (known) {
                    supervisor.stop(instance.processName());
                }
                started = supervisor.start(spec);
            }
            repository.setDesiredState(instance.id(), DesiredState.RUNNING);
            follow(instance);
            log.info("restarted jd-client instance '{}' ({})", instance.name(), instance.id());
            return started;
        }
    }

    /**
     * Deletes an instance: stops its process, forgets it in the supervisor, and removes its row, its directory
     * (configuration file and log), its metrics and its health history.
     *
     * @param ref an instance's name or id
     */
    public void delete(String ref) {
        Instance instance = get(ref);
        synchronized (lock(instance)) {
            repository.setDesiredState(instance.id(), DesiredState.STOPPED);
            if (supervisor.status(instance.processName()).isPresent()) {
                supervisor.remove(instance.processName());
            }
            InstanceRuntime runtime = runtimes.remove(instance.id());
            if (runtime != null) {
                runtime.logCounter.cancel();
            }
            // The row first and the directory last: a crash in between leaves a directory without a row, which
            // the next start recognises and finishes deleting (recoverFiles).
            repository.delete(instance.id());
            metrics.deleteSource(instance.id());
            history.deleteInstance(instance.id());
            files.delete(instance.id());
        }
        locks.remove(instance.id());
        log.info("deleted jd-client instance '{}' ({})", instance.name(), instance.id());
    }

    /**
     * @param ref   an instance's name or id
     * @param lines how many of the last lines
     * @return up to that many of the instance's last output lines, oldest first; empty when its process has not run
     *     since the platform started
     */
    public List<LogLine> logs(String ref, int lines) {
        if (lines < 1) {
            throw new InvalidValueException("lines", lines, "must be 1 or more");
        }
        Instance instance = get(ref);
        return supervisor.status(instance.processName()).isPresent()
                ? supervisor.tail(instance.processName(), lines) : List.of();
    }

    /**
     * @param ref   an instance's name or id
     * @param since the earliest time
     * @return the buffered output lines written at or after {@code since}, oldest first
     */
    public List<LogLine> logsSince(String ref, Instant since) {
        Objects.requireNonNull(since, "since");
        return logs(ref, settings.logBufferLines).stream().filter(l -> !l.timestamp().isBefore(since)).toList();
    }

    /**
     * Follows the instance's output: first up to {@code replay} buffered lines, then each new line.
     *
     * @param ref        an instance's name or id
     * @param replay     how many buffered lines to send first
     * @param subscriber the receiver
     * @return the subscription
     * @throws NotFoundException when the instance's process has not run since the platform started
     */
    public Subscription followLogs(String ref, int replay, StreamSubscriber<LogLine> subscriber) {
        Instance instance = get(ref);
        if (supervisor.status(instance.processName()).isEmpty()) {
            throw new NotFoundException("running jd-client instance", ref + " (start it first)");
        }
        return supervisor.follow(instance.processName(), replay, subscriber);
    }

    /**
     * @param ref an instance's name or id
     * @return the path of the instance's configuration file (written when it starts)
     */
    public Path configFile(String ref) {
        return files.configFile(get(ref).id());
    }

    /**
     * @param ref an instance's name or id
     * @return the latest health report collected for the instance, empty before the first collection
     */
    public Optional<HealthReport> health(String ref) {
        return Optional.ofNullable(runtimes.get(get(ref).id())).flatMap(r -> r.lastReport);
    }

    /**
     * Runs the instance's health checks now and stores the results.
     *
     * @param ref an instance's name or id
     * @return the report
     */
    public HealthReport checkHealth(String ref) {
        Instance instance = get(ref);
        return watcher.checkHealth(instance, Optional.ofNullable(runtimes.get(instance.id())));
    }

    /** Collects every instance's metrics and health once, on the calling thread. */
    public void collectNow() {
        Map<Instance, Optional<InstanceRuntime>> all = new LinkedHashMap<>();
        for (Instance instance : repository.list()) {
            all.put(instance, Optional.ofNullable(runtimes.get(instance.id())));
        }
        watcher.collect(all);
    }

    /**
     * Deletes metrics and health results older than the retention.
     *
     * @return how many metric samples were deleted
     */
    public long cleanupNow() {
        history.deleteOlderThan(clock.instant().minus(settings.retention));
        return metrics.cleanup();
    }

    /**
     * Stops collecting and cleaning. The instances' processes belong to the supervisor and keep running until it
     * stops them; their desired state is kept, so they start again with the next manager.
     */
    @Override
    public void close() {
        closed = true;
        scheduled.forEach(f -> f.cancel(false));
        runtimes.values().forEach(r -> r.logCounter.cancel());
        if (collector != null) {
            collector.shutdownNow();
            try {
                collector.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Finishes what a crash interrupted, starts the instances that should run, and schedules collection and
     * cleanup.
     */
    private InstanceManager open() {
        updater.recover();
        recoverFiles();
        for (Instance instance : repository.list()) {
            if (instance.desiredState() == DesiredState.RUNNING) {
                try {
                    start(instance.id());
                } catch (RuntimeException e) {
                    log.warn("jd-client instance '{}' should run but could not be started again: {}",
                            instance.name(), e.getMessage());
                }
            }
        }
        settings.scheduler.ifPresent(scheduler -> {
            long every = settings.collectionInterval.toMillis();
            scheduled.add(scheduler.scheduleWithFixedDelay(() -> handOff(this::collectNow), every, every,
                    TimeUnit.MILLISECONDS));
            long cleanup = settings.cleanupInterval.toMillis();
            scheduled.add(scheduler.scheduleWithFixedDelay(() -> handOff(this::cleanupNow), cleanup, cleanup,
                    TimeUnit.MILLISECONDS));
        });
        return this;
    }

    /**
     * Reconciles the instance directories with the store: a directory whose instance is gone (a delete cut short)
     * is deleted with the instance's metrics and health history; a configuration file that differs from its saved
     * configuration is rewritten; temporary files of interrupted writes are deleted. Each fix is logged at WARN.
     */
    private void recoverFiles() {
        List<Instance> instances = repository.list();
        Set<String> known = new HashSet<>();
        instances.forEach(instance -> known.add(instance.id()));
        for (String id : files.presentIds()) {
            if (!known.contains(id)) {
                metrics.deleteSource(id);
                history.deleteInstance(id);
                files.delete(id);
                log.warn("deleted the files of jd-client instance {}: the instance was deleted, but the deletion did"
                        + " not finish", id);
            }
        }
        for (Instance instance : instances) {
            try {
                String toml = TomlRenderer.render(configs.get(instance.configId()).config());
                files.reconcile(instance.id(), toml).forEach(path -> log.warn("jd-client instance '{}': {} did not"
                        + " match the store (a write cut short); fixed", instance.name(), path));
            } catch (RuntimeException e) {
                log.warn("jd-client instance '{}': could not check its files at start: {}", instance.name(),
                        e.getMessage());
            }
        }
    }

    /**
     * Runs work on the manager's own thread: collection waits on HTTP and /proc, which must not hold the platform's
     * shared scheduler threads. A round still running when the next is due is not doubled.
     */
    private void handOff(Runnable work) {
        if (closed || !collecting.compareAndSet(false, true)) {
            return;
        }
        try {
            collector.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("jd-client background work failed: {}", e.toString());
                } finally {
                    collecting.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            collecting.set(false);
        }
    }

    private ProcessSpec prepare(Instance instance) {
        SavedConfig saved = configs.get(instance.configId());
        JdcConfig config = saved.config();
        config.validate().orThrow().warnings().forEach(w -> log.warn("jd-client instance '{}', configuration '{}':"
                + " {}", instance.name(), saved.name(), w));
        Path binary = binary(instance);
        Path configFile = files.writeConfig(instance.id(), TomlRenderer.render(config));
        ProcessSpec spec = ProcessSpec.builder(instance.processName(), binary.toString())
                .args("-c", configFile.toString())
                .environment(settings.environment)
                .environment("RUST_LOG", settings.logLevel.rustLog())
                .workingDirectory(files.directory(instance.id()))
                .stopSignal(ProcessSpec.StopSignal.INT)
                .gracePeriod(settings.gracePeriod)
                .startPeriod(settings.startPeriod)
                .restartPolicy(settings.restartPolicy)
                .logFile(files.logFile(instance.id()))
                .logBufferLines(settings.logBufferLines)
                .build();
        InstanceRuntime runtime = runtimes.computeIfAbsent(instance.id(), InstanceRuntime::new);
        runtime.spec = spec;
        runtime.monitoring = config.monitoringAddress().map(a -> new MonitoringClient(MonitoringClient.baseFor(a),
                settings.monitoringTimeout));
        return spec;
    }

    private Path binary(Instance instance) {
        String version = instance.binaryVersion().map(v -> " (version " + v + ")").orElse("");
        String remedy = ": install it with the updater or configure another binary path";
        Path binary;
        try {
            binary = binaryResolver.resolve(instance.binaryVersion());
        } catch (NotFoundException e) {
            throw new UnavailableException("the jd-client binary" + version + " is not installed (" + e.getMessage()
                    + ")" + remedy, e);
        }
        if (!Files.isExecutable(binary)) {
            throw new UnavailableException("the jd-client binary " + binary + " is not installed" + version + remedy);
        }
        return binary;
    }

    private void follow(Instance instance) {
        InstanceRuntime runtime = runtimes.get(instance.id());
        if (runtime != null && !runtime.logCounter.following()) {
            supervisor.follow(instance.processName(), settings.logBufferLines, runtime.logCounter);
        }
    }

    private ProcessStatus processStatus(Instance instance) {
        return supervisor.status(instance.processName()).orElseGet(() -> new ProcessStatus(instance.processName(),
                ProcessState.STOPPED, OptionalLong.empty(), OptionalInt.empty(), Optional.empty(), 0,
                "not started since the platform started"));
    }

    private Object lock(Instance instance) {
        return locks.computeIfAbsent(instance.id(), id -> new Object());
    }

    /** Configures an {@link InstanceManager}. Not thread-safe; build once. */
    public static final class Builder {
        private final Store store;
        private final ProcessSupervisor supervisor;
        private final Path dataDirectory;
        private Clock clock = Clock.systemUTC();
        private Optional<ScheduledExecutorService> scheduler = Optional.empty();
        private Optional<BinaryResolver> binaryResolver = Optional.empty();
        private Optional<BinaryUpdater> updater = Optional.empty();
        private Optional<SecretBox> secrets = Optional.empty();
        private Optional<TimeSeries> timeSeries = Optional.empty();
        private LogLevel logLevel = LogLevel.INFO;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Duration collectionInterval = Duration.ofSeconds(10);
        private Duration cleanupInterval = Duration.ofHours(1);
        private Duration retention = MetricStore.DEFAULT_RETENTION;
        private long memoryLimitBytes = 1L << 30;
        private Duration monitoringTimeout = Duration.ofSeconds(2);
        private Duration gracePeriod = Duration.ofSeconds(10);
        private Duration startPeriod = Duration.ofSeconds(2);
        private RestartPolicy restartPolicy = RestartPolicy.onFailure();
        private int logBufferLines = 10_000;

        private Builder(Store store, ProcessSupervisor supervisor, Path dataDirectory) {
            this.store = Objects.requireNonNull(store, "store");
            this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        }

        /**
         * @param box the platform's secret box, which seals the saved configurations' authority secret keys (the
         *            feature provider passes {@code context.require(SecretBox.class)}); without one, the manager
         *            opens the store's key as the platform does ({@code ORBITR_SECRET_KEY}, else
         *            {@code DATA/secret.key})
         * @return this builder
         */
        public Builder secrets(SecretBox box) {
            this.secrets = Optional.of(Objects.requireNonNull(box, "box"));
            return this;
        }

        /** @param clock stamps rows, samples and health results @return this builder */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param scheduler schedules collection and cleanup (the platform's shared scheduler); without one, call
         *                  {@link InstanceManager#collectNow()} and {@link InstanceManager#cleanupNow()} yourself
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Optional.of(scheduler);
            return this;
        }

        /**
         * @param updater installs the releases instances run, for example with other {@code UpdateSettings}
         *                (a GitHub Enterprise URL, another target); by default one on GitHub's releases
         * @return this builder
         */
        public Builder updater(BinaryUpdater updater) {
            this.updater = Optional.of(Objects.requireNonNull(updater, "updater"));
            return this;
        }

        /**
         * Runs a binary of the host's own instead of the updater's current release; pinned versions still come
         * from {@code DATA/jdclient/versions/}.
         *
         * @param binary the jd-client executable every instance without a version runs
         * @return this builder
         */
        public Builder binary(Path binary) {
            Path home = dataDirectory.resolve("jdclient");
            return binaryResolver(BinaryResolver.installed(Objects.requireNonNull(binary, "binary"),
                    home.resolve("versions")));
        }

        /**
         * @param resolver says which executable an instance runs; by default the {@link #updater(BinaryUpdater)}'s
         *                 {@link BinaryUpdater#binaryFor(Optional)}
         * @return this builder
         */
        public Builder binaryResolver(BinaryResolver resolver) {
            this.binaryResolver = Optional.of(Objects.requireNonNull(resolver, "resolver"));
            return this;
        }

        /** @param level jd-client's RUST_LOG level @return this builder */
        public Builder logLevel(LogLevel level) {
            this.logLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /** @param variables extra environment for every instance (JDC__ overrides, for example) @return this */
        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** @param interval how often metrics and health are collected @return this builder */
        public Builder collectionInterval(Duration interval) {
            this.collectionInterval = positive("collectionInterval", interval);
            return this;
        }

        /** @param interval how often old metrics and health results are deleted @return this builder */
        public Builder cleanupInterval(Duration interval) {
            this.cleanupInterval = positive("cleanupInterval", interval);
            return this;
        }

        /**
         * @param series the platform's time series, where the metrics are kept (default: one of the manager's own on
         *               the store, for a manager built outside a platform)
         * @return this builder
         */
        public Builder timeSeries(TimeSeries series) {
            this.timeSeries = Optional.of(series);
            return this;
        }

        /** @param retention how long metrics and health results are kept @return this builder */
        public Builder retention(Duration retention) {
            this.retention = positive("retention", retention);
            return this;
        }

        /** @param bytes resident memory above which the memory check reports DOWN @return this builder */
        public Builder memoryLimitBytes(long bytes) {
            if (bytes < 1) {
                throw new InvalidValueException("memoryLimitBytes", bytes, "must be positive");
            }
            this.memoryLimitBytes = bytes;
            return this;
        }

        /** @param timeout the bound on each monitoring API request @return this builder */
        public Builder monitoringTimeout(Duration timeout) {
            this.monitoringTimeout = positive("monitoringTimeout", timeout);
            return this;
        }

        /** @param period how long jd-client gets after SIGINT before it is killed @return this builder */
        public Builder gracePeriod(Duration period) {
            this.gracePeriod = Objects.requireNonNull(period, "period");
            return this;
        }

        /** @param period how long a process must run to count as started @return this builder */
        public Builder startPeriod(Duration period) {
            this.startPeriod = Objects.requireNonNull(period, "period");
            return this;
        }

        /** @param policy when the supervisor restarts a process that exits @return this builder */
        public Builder restartPolicy(RestartPolicy policy) {
            this.restartPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** @param lines how many output lines each instance keeps in memory @return this builder */
        public Builder logBufferLines(int lines) {
            if (lines < 1) {
                throw new InvalidValueException("logBufferLines", lines, "must be 1 or more");
            }
            this.logBufferLines = lines;
            return this;
        }

        /**
         * Builds the manager, starts the instances whose desired state is RUNNING, and schedules collection.
         *
         * @return the manager
         */
        public InstanceManager build() {
            return new InstanceManager(this).open();
        }

        private static Duration positive(String field, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new InvalidValueException(field, value, "must be positive");
            }
            return value;
        }
    }
}
