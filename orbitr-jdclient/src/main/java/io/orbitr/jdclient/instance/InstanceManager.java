package io.orbitr.jdclient.instance;

import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.core.metrics.JdbcTimeSeries;
import io.orbitr.core.secret.PlatformSecrets;
import io.orbitr.health.HealthMonitor;
import io.orbitr.jdclient.config.SavedConfig;
import io.orbitr.jdclient.config.SavedConfigs;
import io.orbitr.jdclient.health.HealthHistory;
import io.orbitr.jdclient.health.HealthReport;
import io.orbitr.jdclient.log.LogLevel;
import io.orbitr.jdclient.metrics.MetricStore;
import io.orbitr.jdclient.update.BinaryUpdater;
import io.orbitr.metrics.TimeSeries;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.process.RestartPolicy;
import io.orbitr.secret.SecretBox;
import io.orbitr.store.Store;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
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
 * The manager keeps each instance's lifecycle (its row and desired state, serialised per instance) and hands the
 * rest to package-private parts: {@code InstanceLauncher} starts and stops the processes, {@code InstanceCollector}
 * runs the background collection, {@code InstanceFileRecovery} repairs the files at start. Its settings are frozen
 * into an {@link InstanceSettings} when it is built.
 *
 * <p>Thread-safe: lifecycle operations on one instance are serialised, operations on different instances run in
 * parallel.
 */
public final class InstanceManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InstanceManager.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern VERSION = Pattern.compile("v?[0-9]+(\\.[0-9]+){0,3}([-+][A-Za-z0-9.]{1,40})?");

    private final InstanceSettings settings;
    private final SavedConfigs configs;
    private final MetricStore metrics;
    private final HealthHistory history;
    private final InstanceRepository repository;
    private final InstanceFiles files;
    private final BinaryUpdater updater;
    private final InstanceLauncher launcher;
    private final InstanceCollector collector;
    private final InstanceFileRecovery fileRecovery;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private InstanceManager(Builder b, InstanceSettings settings) {
        this.settings = settings;
        this.configs = new SavedConfigs(b.store, b.clock, b.secrets.orElseGet(() ->
                PlatformSecrets.builder(b.store).clock(b.clock).keyFile(b.dataDirectory.resolve(PlatformSecrets.KEY_FILE))
                        .open()));
        // Orbitr 0.1 kept the authority secret keys in clear: seal them before anything else reads the rows.
        configs.sealClearRows();
        this.metrics = new MetricStore(b.timeSeries.orElseGet(() -> new JdbcTimeSeries(b.store, b.clock)),
                settings.retention());
        this.history = new HealthHistory(b.health);
        this.repository = new InstanceRepository(b.store, b.clock, b.host);
        this.files = new InstanceFiles(b.dataDirectory);
        this.updater = b.updater.orElseGet(() -> new BinaryUpdater(b.dataDirectory, b.store, b.clock));
        this.launcher = new InstanceLauncher(b.supervisor, configs, files,
                b.binaryResolver.orElseGet(() -> BinaryResolver.updater(updater)), settings);
        InstanceWatcher watcher = new InstanceWatcher(b.supervisor, metrics, history, b.clock,
                settings.memoryLimitBytes(), settings.logBufferLines());
        this.collector = new InstanceCollector(repository, launcher, watcher, metrics, history, b.clock, settings);
        this.fileRecovery = new InstanceFileRecovery(repository, files, configs, metrics, history);
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

    /** @return the settings the manager was built with */
    public InstanceSettings settings() {
        return settings;
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
        return new InstanceStatus(instance, launcher.status(instance));
    }

    /**
     * Writes the instance's configuration file from its saved configuration and starts its process. Starting a
     * running instance changes nothing.
     *
     * @param ref an instance's name or id
     * @return the process's status
     * @throws io.orbitr.jdclient.config.InvalidConfigException when the saved configuration no longer validates
     * @throws UnavailableException when the jd-client binary is not installed
     * @throws io.orbitr.ConflictException when the instance belongs to another host
     */
    public ProcessStatus start(String ref) {
        Instance instance = ownInstance(ref, "start");
        synchronized (lock(instance)) {
            ProcessStatus status = launcher.start(instance);
            repository.setDesiredState(instance.id(), DesiredState.RUNNING);
            return status;
        }
    }

    /**
     * Stops the instance's process: SIGINT, the grace period, then a kill of what remains. Blocks until it has
     * exited. Stopping a stopped instance changes nothing.
     *
     * @param ref an instance's name or id
     * @return the process's status
     * @throws io.orbitr.ConflictException when the instance belongs to another host
     */
    public ProcessStatus stop(String ref) {
        Instance instance = ownInstance(ref, "stop");
        synchronized (lock(instance)) {
            // Recorded first: a process that crashes while being stopped must not be brought back on next start.
            repository.setDesiredState(instance.id(), DesiredState.STOPPED);
            return launcher.stop(instance);
        }
    }

    /**
     * Rewrites the configuration file from the saved configuration (picking up its changes) and restarts the
     * process, or starts it when it was not running. The binary is resolved again, so an instance that is not
     * pinned to a version moves to the release installed since it started.
     *
     * @param ref an instance's name or id
     * @return the process's status right after the start
     * @throws io.orbitr.ConflictException when the instance belongs to another host
     */
    public ProcessStatus restart(String ref) {
        Instance instance = ownInstance(ref, "restart");
        synchronized (lock(instance)) {
            ProcessStatus started = launcher.restart(instance);
            repository.setDesiredState(instance.id(), DesiredState.RUNNING);
            return started;
        }
    }

    /**
     * Deletes an instance: stops its process, forgets it in the supervisor, and removes its row, its directory
     * (configuration file and log), its metrics and its health history.
     *
     * @param ref an instance's name or id
     * @throws io.orbitr.ConflictException when the instance belongs to another host
     */
    public void delete(String ref) {
        Instance instance = ownInstance(ref, "delete");
        synchronized (lock(instance)) {
            repository.setDesiredState(instance.id(), DesiredState.STOPPED);
            launcher.forget(instance);
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
        return launcher.tail(instance, lines);
    }

    /**
     * @param ref   an instance's name or id
     * @param since the earliest time
     * @return the buffered output lines written at or after {@code since}, oldest first
     */
    public List<LogLine> logsSince(String ref, Instant since) {
        Objects.requireNonNull(since, "since");
        return logs(ref, settings.logBufferLines()).stream().filter(l -> !l.timestamp().isBefore(since)).toList();
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
        if (!launcher.known(instance)) {
            throw new NotFoundException("running jd-client instance", ref + " (start it first)");
        }
        return launcher.followOutput(instance, replay, subscriber);
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
        return collector.latest(get(ref));
    }

    /**
     * Runs the instance's health checks now and stores the results.
     *
     * @param ref an instance's name or id
     * @return the report
     */
    public HealthReport checkHealth(String ref) {
        return collector.checkHealth(get(ref));
    }

    /** Collects every instance's metrics and health once, on the calling thread. */
    public void collectNow() {
        collector.collectNow();
    }

    /**
     * Deletes metrics older than the retention (health results are kept for the health monitor's retention).
     *
     * @return how many metric samples were deleted
     */
    public long cleanupNow() {
        return collector.cleanupNow();
    }

    /**
     * Stops collecting and cleaning. The instances' processes belong to the supervisor and keep running until it
     * stops them; their desired state is kept, so they start again with the next manager.
     */
    @Override
    public void close() {
        collector.close();
        launcher.close();
    }

    /**
     * Finishes what a crash interrupted, starts the instances that should run, and schedules collection and
     * cleanup.
     */
    private InstanceManager open(Optional<ScheduledExecutorService> scheduler) {
        updater.recover();
        fileRecovery.run();
        for (Instance instance : repository.list()) {
            if (instance.desiredState() == DesiredState.RUNNING && repository.otherHost(instance.id()).isPresent()) {
                log.debug("jd-client instance '{}' runs on another host's server", instance.name());
            } else if (instance.desiredState() == DesiredState.RUNNING) {
                try {
                    start(instance.id());
                } catch (RuntimeException e) {
                    log.warn("jd-client instance '{}' should run but could not be started again: {}",
                            instance.name(), e.getMessage());
                }
            }
        }
        scheduler.ifPresent(collector::schedule);
        return this;
    }

    /**
     * An instance's process runs on its own host, so only that host's server may start, stop, restart or delete it:
     * another server would act on a process it does not have, or leave the real one running without its row.
     */
    private Instance ownInstance(String ref, String action) {
        Instance instance = get(ref);
        Optional<String> elsewhere = repository.otherHost(instance.id());
        if (elsewhere.isPresent()) {
            throw new io.orbitr.ConflictException("jd-client instance '" + instance.name() + "' belongs to host '"
                    + elsewhere.get() + "' (servers sharing one store each run their own host's instances): "
                    + action + " it through the Orbitr server on that host");
        }
        return instance;
    }

    private static String localHost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private Object lock(Instance instance) {
        return locks.computeIfAbsent(instance.id(), id -> new Object());
    }

    /**
     * Configures an {@link InstanceManager}: the platform's services it runs on, and the options that become its
     * {@link InstanceSettings}. Not thread-safe; build once.
     */
    public static final class Builder {
        private final Store store;
        private final ProcessSupervisor supervisor;
        private final Path dataDirectory;
        private Clock clock = Clock.systemUTC();
        private Optional<ScheduledExecutorService> scheduler = Optional.empty();
        private String host = localHost();
        private Optional<BinaryResolver> binaryResolver = Optional.empty();
        private Optional<BinaryUpdater> updater = Optional.empty();
        private Optional<SecretBox> secrets = Optional.empty();
        private Optional<HealthMonitor> health = Optional.empty();
        private Optional<TimeSeries> timeSeries = Optional.empty();
        private final InstanceSettings defaults = InstanceSettings.defaults();
        private LogLevel logLevel = defaults.logLevel();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Duration collectionInterval = defaults.collectionInterval();
        private Duration cleanupInterval = defaults.cleanupInterval();
        private Duration retention = defaults.retention();
        private long memoryLimitBytes = defaults.memoryLimitBytes();
        private Duration monitoringTimeout = defaults.monitoringTimeout();
        private Duration gracePeriod = defaults.gracePeriod();
        private Duration startPeriod = defaults.startPeriod();
        private RestartPolicy restartPolicy = defaults.restartPolicy();
        private int logBufferLines = defaults.logBufferLines();

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

        /**
         * @param monitor the platform's health monitor, which records the instances' check results as push targets
         *                (the feature provider passes {@code context.require(HealthMonitor.class)}); without one,
         *                only each instance's latest report is kept, in memory
         * @return this builder
         */
        public Builder health(HealthMonitor monitor) {
            this.health = Optional.of(Objects.requireNonNull(monitor, "monitor"));
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
         * @param name the host this server runs on (default: the local host name): instances created here belong to
         *             it, and of the instances in a store shared by several servers this one starts only its host's
         * @return this builder
         */
        public Builder host(String name) {
            Objects.requireNonNull(name, "host");
            if (name.isBlank() || name.length() > 255) {
                throw new io.orbitr.InvalidValueException("host", name, "must be 1 to 255 characters");
            }
            this.host = name;
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
            this.collectionInterval = InstanceSettings.positive("collectionInterval", interval);
            return this;
        }

        /** @param interval how often old metrics and health results are deleted @return this builder */
        public Builder cleanupInterval(Duration interval) {
            this.cleanupInterval = InstanceSettings.positive("cleanupInterval", interval);
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
            this.retention = InstanceSettings.positive("retention", retention);
            return this;
        }

        /** @param bytes resident memory above which the memory check reports DOWN @return this builder */
        public Builder memoryLimitBytes(long bytes) {
            this.memoryLimitBytes = InstanceSettings.atLeastOne("memoryLimitBytes", bytes);
            return this;
        }

        /** @param timeout the bound on each monitoring API request @return this builder */
        public Builder monitoringTimeout(Duration timeout) {
            this.monitoringTimeout = InstanceSettings.positive("monitoringTimeout", timeout);
            return this;
        }

        /** @param period how long jd-client gets after SIGINT before it is killed @return this builder */
        public Builder gracePeriod(Duration period) {
            this.gracePeriod = InstanceSettings.notNegative("gracePeriod", period);
            return this;
        }

        /** @param period how long a process must run to count as started @return this builder */
        public Builder startPeriod(Duration period) {
            this.startPeriod = InstanceSettings.notNegative("startPeriod", period);
            return this;
        }

        /** @param policy when the supervisor restarts a process that exits @return this builder */
        public Builder restartPolicy(RestartPolicy policy) {
            this.restartPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** @param lines how many output lines each instance keeps in memory @return this builder */
        public Builder logBufferLines(int lines) {
            this.logBufferLines = (int) InstanceSettings.atLeastOne("logBufferLines", lines);
            return this;
        }

        /**
         * Builds the manager, starts the instances whose desired state is RUNNING, and schedules collection.
         *
         * @return the manager
         */
        public InstanceManager build() {
            InstanceSettings settings = new InstanceSettings(logLevel, environment, collectionInterval,
                    cleanupInterval, retention, memoryLimitBytes, monitoringTimeout, gracePeriod, startPeriod,
                    restartPolicy, logBufferLines);
            return new InstanceManager(this, settings).open(scheduler);
        }
    }
}
