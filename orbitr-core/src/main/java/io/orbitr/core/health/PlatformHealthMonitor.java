package io.orbitr.core.health;

import io.orbitr.InvalidValueException;
import io.orbitr.core.notify.NotificationDispatcher;
import io.orbitr.core.notify.NotificationStore;
import io.orbitr.core.notify.PlatformInbox;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.Engines;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.CheckType;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthMonitor;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthScore;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import io.orbitr.health.HistoryEntry;
import io.orbitr.health.MonitorMetrics;
import io.orbitr.Page;
import io.orbitr.health.ResponseTimes;
import io.orbitr.health.StatusListener;
import io.orbitr.health.TargetStatus;
import io.orbitr.notify.NotificationInbox;
import io.orbitr.notify.NotificationSink;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's {@link HealthMonitor}: a thin facade over its parts, each with one job. {@link TargetRegistry} keeps
 * the targets (store and memory in step, restore at start); {@link CheckScheduler} runs their checks on time and
 * within their timeouts; {@link Transitions} turns results into states, history rows and notifications;
 * {@link HistoryWriter} stores those in batches; {@link HistoryQueries} answers from the history and scores;
 * {@link PlatformInbox} is the notification inbox. Thread-safe.
 *
 * <h2>How it runs</h2>
 * One timer thread starts every check at its due time: non-blocking checks (HTTP, TCP) start right there and wait
 * on a few shared I/O threads; blocking ones run on a bounded pool. Results are written to the store in batches by
 * one writer thread, every 250 ms: they (and the notifications of the status changes they cause) are the only
 * writes that may lag, and a crash loses at most the last interval's.
 *
 * <h2>Persistence</h2>
 * Targets live in {@code health_targets}, so monitoring resumes after a restart (first checks spread over each
 * target's interval; each target's state restored from its last results). Results live in {@code health_results}
 * for the retention (7 days by default), purged hourly.
 */
public final class PlatformHealthMonitor implements HealthMonitor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PlatformHealthMonitor.class);
    /** The retention of results unless configured. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** The setting (in the {@code settings} table) that holds the retention, for example {@code 30d}. */
    public static final String RETENTION_SETTING = "health.retention";
    /**
     * How many shard leases ({@code health-share:shard:N}) shared targets fall into: a few per server, so that a dead
     * server's targets spread over the others.
     */
    public static final int SHARDS = 24;
    /** The lease TTL of shared targets unless configured. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(5);

    private final List<AutoCloseable> owned = new ArrayList<>();
    private final CheckMetrics metrics = new CheckMetrics();
    private final StatusListeners listeners = new StatusListeners();
    private final NotificationDispatcher dispatcher;
    private final PlatformInbox inbox;
    private final HistoryWriter writer;
    private final HistoryQueries queries;
    private final CheckScheduler scheduler;
    private final TargetRegistry registry;
    /** Present when several servers share the targets through leases in the store. */
    private final Optional<SharedTargets> sharing;
    /** Present when they also share the live status: pushed results go to the server that checks the target. */
    private final Optional<PushForwarding> pushes;
    private final Object closing = new Object();
    private boolean closed;

    private PlatformHealthMonitor(Store store, Function<CheckSpec, HealthCheck> checks, MonitorSettings settings) {
        Clock clock = settings.clock();
        Duration retention = settings.retention()
                .orElseGet(() -> RetentionSetting.read(store).orElse(DEFAULT_RETENTION));
        MonitorTimer timer = settings.timer().orElseGet(() -> settings.scheduler().map(MonitorTimer::on)
                .orElseGet(() -> own(new TickTimer(clock, "orbitr-health-timer"))));
        ExecutorService checkPool = settings.checkPool().orElseGet(() -> ownedPool(settings.checkThreads()));
        NotificationStore notifications = new NotificationStore(store);
        this.dispatcher = new NotificationDispatcher(settings.sinks(), settings.sinkExecutor());
        this.inbox = new PlatformInbox(notifications, dispatcher);
        HealthHistory history = new HealthHistory(store);
        this.queries = new HistoryQueries(history, notifications, clock, retention);
        Runnable housekeeping = settings.sharing().map(share -> {
            io.orbitr.core.cluster.SingletonJobs jobs = new io.orbitr.core.cluster.SingletonJobs(share.leases(), true);
            return (Runnable) () -> queries.housekeeping(every -> jobs.mayRun("health-purge", every));
        }).orElse(queries::housekeeping);
        Optional<io.orbitr.core.cluster.ChangeFeed> feed = settings.sharing().flatMap(MonitorSettings.Sharing::feed);
        this.writer = new HistoryWriter(store, dispatcher, housekeeping, feed.map(StatusNotices::new));
        Remediator remediator = new Remediator(settings.engine(), settings.supervisor(), checkPool, clock);
        Transitions transitions = new Transitions(writer, listeners, remediator, clock);
        this.scheduler = new CheckScheduler(timer, checkPool, clock, metrics, transitions);
        Function<HealthTarget, HealthCheck> targetChecks = target -> PushCheck.isPush(target.check())
                ? PushCheck.of(target.check()) : checks.apply(target.check());
        TargetRepository repository = new TargetRepository(store);
        this.registry = new TargetRegistry(repository, history, targetChecks, scheduler, writer,
                listeners, dispatcher::sinkIds, clock);
        this.sharing = settings.sharing().map(share -> new SharedTargets(share.leases(), share.shards(),
                share.leaseTtl(), clock, registry, repository, writer));
        sharing.ifPresent(shared -> {
            scheduler.gate(shared::mayCheck);
            // Nothing is checked here until the first tick says which targets are this server's.
            registry.share(id -> false, Optional.empty());
        });
        // The live status of the targets other servers check: their results, as those servers announce them.
        feed.ifPresent(changes -> own(changes.subscribe(StatusNotices.TOPIC,
                data -> registry.mirror(StatusNotices.decode(data)), registry::resync)));
        this.pushes = feed.map(changes -> new PushForwarding(changes, store, clock));
        feed.ifPresent(changes -> own(changes.subscribe(PushForwarding.TOPIC,
                data -> PushForwarding.receive(data, registry, scheduler::push), () -> { })));
    }

    /** Starts sharing: the first tick now, so that a lone server checks every target from the start. */
    private void startSharing(boolean ownThread) {
        sharing.ifPresent(shared -> {
            shared.tick();
            if (ownThread) {
                // Two threads: renewals stay on time while a takeover starts thousands of checks.
                ScheduledExecutorService ticker = java.util.concurrent.Executors.newScheduledThreadPool(2,
                        daemon("orbitr-health-share"));
                owned.add(0, ticker::shutdownNow);
                long period = Math.max(10, shared.ttlMillis() / 4);
                ticker.scheduleAtFixedRate(shared::renew, period, period, TimeUnit.MILLISECONDS);
                ticker.scheduleWithFixedDelay(shared::balance, period, period, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Drives one sharing step (tests that move time by hand). */
    void shareTick() {
        sharing.ifPresent(SharedTargets::tick);
    }

    /** Reads the live status of the targets other servers check from the store, as after missed notices (tests). */
    void catchUpLiveStatus() {
        registry.resync();
    }

    /** @return the shards this server holds (empty unless sharing) */
    List<Integer> sharedShards() {
        return sharing.map(SharedTargets::held).orElse(List.of());
    }

    /**
     * @param store  the platform's store, migrated
     * @param checks creates a check from a spec (the platform's {@code Orbitr::healthCheck}); push targets' checks
     *               are the monitor's own
     * @return a builder
     */
    public static Builder builder(Store store, Function<CheckSpec, HealthCheck> checks) {
        return new Builder(store, checks);
    }

    /**
     * @param targetId a target's id
     * @return the shard its checks belong to when servers share the targets: the lease {@code health-share:shard:N}
     */
    public static int shardOf(String targetId) {
        return SharedTargets.shardOf(Objects.requireNonNull(targetId, "targetId"), SHARDS);
    }

    /** @return the push check type ({@link HealthMonitor#PUSH}) with its options, for lists of check types */
    public static CheckType pushCheckType() {
        return PushCheck.TYPE;
    }

    // ----- targets -----

    @Override
    public HealthTarget add(HealthTarget target) {
        registry.addAll(List.of(target), false);
        return target;
    }

    @Override
    public List<HealthTarget> addAll(Collection<HealthTarget> targets) {
        return registry.addAll(targets, true);
    }

    @Override
    public HealthTarget update(HealthTarget target) {
        return registry.update(target);
    }

    @Override
    public void pause(String id) {
        registry.setPaused(id, true);
    }

    @Override
    public void resume(String id) {
        registry.setPaused(id, false);
    }

    @Override
    public void remove(String id) {
        registry.remove(id);
    }

    @Override
    public void checkNow(String id) {
        registry.checkNow(id);
    }

    @Override
    public void record(String targetId, HealthResult result) {
        Objects.requireNonNull(result, "result");
        if (result.status() == HealthStatus.PAUSED) {
            throw new InvalidValueException("result.status", result.status(),
                    "a recorded result is UP, PENDING, DOWN or UNKNOWN; pause the target with pause(id) instead");
        }
        TargetRuntime runtime = registry.require(targetId);
        if (pushes.isEmpty() || !pushes.get().forward(runtime, result)) {
            scheduler.push(runtime, result);
        }
    }

    @Override
    public Optional<HealthTarget> target(String id) {
        return registry.find(id).map(runtime -> runtime.target);
    }

    @Override
    public Page<HealthTarget> targets(int limit, Optional<String> after) {
        return registry.page(Optional.empty(), limit, after, runtime -> runtime.target);
    }

    // ----- status -----

    @Override
    public AutoCloseable addListener(StatusListener listener) {
        return listeners.add(listener);
    }

    @Override
    public TargetStatus await(String id, HealthStatus wanted, Duration timeout) {
        return listeners.await(id, wanted, timeout, this::status);
    }

    @Override
    public TargetStatus status(String id) {
        return registry.status(registry.require(id));
    }

    @Override
    public Page<TargetStatus> statuses(Optional<String> group, int limit, Optional<String> after) {
        return registry.page(group, limit, after, registry::status);
    }

    @Override
    public Optional<HealthResult> latest(String id) {
        return registry.latest(registry.require(id));
    }

    // ----- history -----

    @Override
    public Page<HistoryEntry> history(String id, Instant from, Instant to, int limit, Optional<String> after) {
        return queries.history(id, from, to, limit, after);
    }

    @Override
    public OptionalDouble uptime(String id, Duration window) {
        return queries.uptime(id, window);
    }

    @Override
    public Optional<ResponseTimes> responseTimes(String id, Duration window) {
        return queries.responseTimes(id, window);
    }

    @Override
    public Optional<HealthScore> score(String id) {
        return queries.score(registry.require(id));
    }

    @Override
    public Optional<HealthScore> groupScore(String group) {
        return queries.groupScore(group, registry.all());
    }

    @Override
    public long purgeHistory() {
        return queries.purge();
    }

    @Override
    public void flush() {
        writer.flush();
    }

    // ----- the monitor itself -----

    /** @return the notification inbox the monitor writes to (the platform's {@code orbitr.notifications()}) */
    public NotificationInbox inbox() {
        return inbox;
    }

    @Override
    public Duration retention() {
        return queries.retention();
    }

    @Override
    public MonitorMetrics metrics() {
        return metrics.snapshot(registry.size(), writer.stored(), writer.dropped(), writer.pending());
    }

    @Override
    public void resetMetrics() {
        metrics.reset();
    }

    /** Stops every check and timer, writes what is pending, and releases the monitor's threads. Idempotent. */
    @Override
    public void close() {
        synchronized (closing) {
            if (closed) {
                return;
            }
            closed = true;
        }
        registry.close();
        for (AutoCloseable closeable : owned) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("while closing the health monitor: {}", e.toString());
            }
        }
        writer.close();
        // After the last results are written: the servers that take these targets over read where they stood.
        sharing.ifPresent(SharedTargets::close);
        dispatcher.close();
    }

    private <T extends AutoCloseable> T own(T closeable) {
        owned.add(closeable);
        return closeable;
    }

    private ExecutorService ownedPool(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("orbitr-health-check"));
        pool.allowCoreThreadTimeOut(true);
        owned.add(pool::shutdownNow);
        return pool;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Assembles a {@link PlatformHealthMonitor}. Not thread-safe; build once. */
    public static final class Builder {
        private final Store store;
        private final Function<CheckSpec, HealthCheck> checks;
        private Clock clock = Clock.systemUTC();
        private Optional<ScheduledExecutorService> scheduler = Optional.empty();
        private Optional<MonitorTimer> timer = Optional.empty();
        private Optional<ExecutorService> checkPool = Optional.empty();
        private Optional<Executor> sinkExecutor = Optional.empty();
        private int checkThreads = 16;
        private Optional<Duration> retention = Optional.empty();
        private final List<NotificationSink> sinks = new ArrayList<>();
        private Supplier<Optional<ContainerEngine>> engine = Optional::empty;
        private Supplier<Optional<Engines>> engines = Optional::empty;
        private Supplier<Optional<ProcessSupervisor>> supervisor = Optional::empty;
        private Optional<MonitorSettings.Sharing> sharing = Optional.empty();
        private Optional<io.orbitr.core.cluster.ChangeFeed> liveStatus = Optional.empty();

        private Builder(Store store, Function<CheckSpec, HealthCheck> checks) {
            this.store = Objects.requireNonNull(store, "store");
            this.checks = Objects.requireNonNull(checks, "checks");
        }

        /** @param value the clock for due times and stamps (default: the system's) @return this builder */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value a scheduler to start checks and enforce timeouts on, for hosts that drive time themselves;
         *              the caller keeps ownership (default: the monitor's own tick timer, one thread that serves
         *              thousands of checks a second with one wake-up every 5 ms)
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = Optional.of(Objects.requireNonNull(value, "scheduler"));
            return this;
        }

        /** @param value threads for blocking checks (command, process, log, memory; default 16) @return this builder */
        public Builder checkThreads(int value) {
            if (value < 1 || value > 1024) {
                throw new InvalidValueException("checkThreads", value, "must be between 1 and 1024");
            }
            this.checkThreads = value;
            return this;
        }

        /**
         * @param value how long results are kept, at least 1 hour (default: the {@value #RETENTION_SETTING} setting,
         *              else 7 days)
         * @return this builder
         */
        public Builder retention(Duration value) {
            Objects.requireNonNull(value, "retention");
            if (value.compareTo(Duration.ofHours(1)) < 0) {
                throw new InvalidValueException("retention", value, "must be at least 1 hour");
            }
            this.retention = Optional.of(value);
            return this;
        }

        /** @param values the notification sinks @return this builder */
        public Builder sinks(Collection<? extends NotificationSink> values) {
            this.sinks.addAll(values);
            return this;
        }

        /** @param value finds the container engine, for container remediation @return this builder */
        public Builder engine(Supplier<Optional<ContainerEngine>> value) {
            this.engine = Objects.requireNonNull(value, "engine");
            return this;
        }

        /**
         * @param value finds the engine endpoints, for remediation of a container on the endpoint its target's
         *              check names with {@code engine} (the {@code local} one comes from {@link #engine(Supplier)}
         *              when this finds none)
         * @return this builder
         */
        public Builder engines(Supplier<Optional<Engines>> value) {
            this.engines = Objects.requireNonNull(value, "engines");
            return this;
        }

        /** @param value finds the process supervisor, for process remediation @return this builder */
        public Builder supervisor(Supplier<Optional<ProcessSupervisor>> value) {
            this.supervisor = Objects.requireNonNull(value, "supervisor");
            return this;
        }

        /**
         * Shares the targets with the other servers on the same store (PostgreSQL): each target is checked by one
         * live server, found by leases; a dead server's targets are taken over about one TTL after its last renewal
         * (so keep the TTL at most one check interval for a takeover within two), a closed server's at once.
         * Default: this server checks every target.
         *
         * @param leases   this server's leases ({@code Orbitr}'s own)
         * @param leaseTtl how long a lease lasts unrenewed, 200 ms to 1 hour; renewed every quarter of it
         * @return this builder
         */
        public Builder share(io.orbitr.core.cluster.StoreLeases leases, Duration leaseTtl) {
            return share(leases, leaseTtl, true);
        }

        Builder share(io.orbitr.core.cluster.StoreLeases leases, Duration leaseTtl, boolean ownThread) {
            Objects.requireNonNull(leases, "leases");
            Objects.requireNonNull(leaseTtl, "leaseTtl");
            if (leaseTtl.compareTo(Duration.ofMillis(200)) < 0 || leaseTtl.compareTo(Duration.ofHours(1)) > 0) {
                throw new InvalidValueException("leaseTtl", leaseTtl, "must be between 200 ms and 1 hour");
            }
            this.sharing = Optional.of(new MonitorSettings.Sharing(leases, SHARDS, leaseTtl, ownThread,
                    Optional.empty()));
            return this;
        }

        /**
         * With {@link #share}: every server knows the live status of every target (its status, latest result and
         * status listeners), not only of the ones it checks. Each server announces its results on the feed in the
         * transaction that stores them (about every 250 ms); the others apply them and tell their listeners of each
         * status change. Notifications are still sent by the checking server alone. A result recorded for a push
         * target on a server that does not check it is handed to the one that does. Without sharing it does nothing.
         *
         * @param feed the platform's change feed ({@code Orbitr}'s own)
         * @return this builder
         */
        public Builder liveStatus(io.orbitr.core.cluster.ChangeFeed feed) {
            this.liveStatus = Optional.of(Objects.requireNonNull(feed, "feed"));
            return this;
        }

        Builder timer(MonitorTimer value) {
            this.timer = Optional.of(value);
            return this;
        }

        Builder checkPool(ExecutorService value) {
            this.checkPool = Optional.of(value);
            return this;
        }

        Builder sinkExecutor(Executor value) {
            this.sinkExecutor = Optional.of(value);
            return this;
        }

        /** The local engine as given; another endpoint from the platform's endpoints. */
        private static Optional<ContainerEngine> endpointEngine(Supplier<Optional<ContainerEngine>> local,
                Supplier<Optional<Engines>> endpoints, String endpoint) {
            if (endpoint.equals(EngineSettings.LOCAL)) {
                Optional<ContainerEngine> given = local.get();
                return given.isPresent() ? given : endpoints.get().map(Engines::local);
            }
            return endpoints.get().map(found -> found.get(endpoint));
        }

        /** @return the settings so far, frozen */
        MonitorSettings settings() {
            Supplier<Optional<ContainerEngine>> local = engine;
            Supplier<Optional<Engines>> endpoints = engines;
            return new MonitorSettings(clock, retention, checkThreads, scheduler, timer, checkPool, sinkExecutor,
                    sinks, endpoint -> endpointEngine(local, endpoints, endpoint), supervisor, sharing.map(share -> new MonitorSettings.Sharing(share.leases(),
                            share.shards(), share.leaseTtl(), share.ownThread(), liveStatus)));
        }

        /**
         * Creates the monitor, loads the stored targets and schedules their checks.
         *
         * @return the running monitor
         */
        public PlatformHealthMonitor build() {
            PlatformHealthMonitor monitor = new PlatformHealthMonitor(store, checks, settings());
            try {
                monitor.registry.restore();
                monitor.startSharing(sharing.map(MonitorSettings.Sharing::ownThread).orElse(false));
            } catch (RuntimeException e) {
                monitor.close();
                throw e;
            }
            return monitor;
        }
    }
}
