package io.orbitr.core.health;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import io.orbitr.core.notify.NotificationDispatcher;
import io.orbitr.core.notify.NotificationDraft;
import io.orbitr.core.notify.NotificationStore;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.health.AsyncHealthCheck;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthScore;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import io.orbitr.health.HistoryEntry;
import io.orbitr.health.MonitorMetrics;
import io.orbitr.Page;
import io.orbitr.health.ResponseTimes;
import io.orbitr.health.StatusChange;
import io.orbitr.health.StatusListener;
import io.orbitr.health.TargetStatus;
import io.orbitr.notify.Notification;
import io.orbitr.notify.NotificationSink;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monitors health targets with Uptime Kuma's semantics, keeps their history, scores them, notifies on transitions
 * and, where a target asks for it, restarts what stays DOWN. The platform's one entry point to health monitoring:
 * {@code orbitr.health()}. Thread-safe.
 *
 * <pre>{@code
 * HealthMonitor health = orbitr.health();
 * health.add(HealthTarget.builder("api", CheckSpec.of("http", "url", "http://127.0.0.1:8080/health"))
 *         .interval(Duration.ofSeconds(30)).retries(2).build());
 * TargetStatus now = health.status("api");
 * OptionalDouble uptime = health.uptime("api", Duration.ofDays(1));
 * }</pre>
 *
 * <h2>How it runs</h2>
 * One timer thread starts every check at its due time (within 5 ms): non-blocking checks
 * ({@link AsyncHealthCheck}: HTTP, TCP) start right there and wait on a few shared I/O threads; blocking ones run
 * on a bounded pool. The monitor enforces each target's timeout itself: it records DOWN at the deadline and
 * cancels or interrupts the check, so a hanging check never delays another target. A target's checks never
 * overlap; the next one is due one interval (or retry interval while PENDING) after the previous one was due.
 * Results are written to the store in batches by one writer thread, every 250 ms: they (and the notifications of the
 * status changes they cause) are the only writes that may lag, and a crash loses at most the last interval's.
 *
 * <h2>States and notifications</h2>
 * See {@link StateMachine}: PENDING while retries remain, DOWN when they are spent, PAUSED while paused, UNKNOWN
 * before the first result. A notification (stored in {@code notifications}, then handed to the sinks) goes out for
 * a target's first result when it is DOWN and whenever its settled state changes between UP and DOWN; UP to PENDING
 * is silent;
 * while DOWN it is re-sent every {@code resendEvery} checks when set.
 *
 * <h2>Persistence</h2>
 * Targets live in {@code health_targets}, so monitoring resumes after a restart (first checks spread over each
 * target's interval; each target's state restored from its last results). Results live in {@code health_results}
 * for the retention (7 days by default), purged hourly.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);
    /** The retention of results unless configured. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** The setting (in the {@code settings} table) that holds the retention, for example {@code 30d}. */
    public static final String RETENTION_SETTING = "health.retention";
    /** Notifications are kept at least this long, whatever the results' retention. */
    private static final Duration NOTIFICATION_RETENTION = Duration.ofDays(30);
    private static final long PURGE_EVERY_MILLIS = Duration.ofHours(1).toMillis();

    private final Store store;
    private final Clock clock;
    private final MonitorTimer timer;
    private final Function<CheckSpec, HealthCheck> checks;
    private final ExecutorService checkPool;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final TargetRepository repository;
    private final HealthHistory history;
    private final NotificationStore notifications;
    private final NotificationDispatcher dispatcher;
    private final HistoryWriter writer;
    private final Remediator remediator;
    private final CheckMetrics metrics = new CheckMetrics();
    private final Duration retention;
    private final AtomicLong nextPurge;
    private final ConcurrentSkipListMap<String, TargetRuntime> runtimes = new ConcurrentSkipListMap<>();
    /** Serializes changes of the target set (add, change, pause, resume, remove) with their store writes. */
    private final Object admin = new Object();
    private volatile boolean closed;
    private final java.util.concurrent.CopyOnWriteArrayList<StatusListener> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private HealthMonitor(Builder builder) {
        this.store = builder.store;
        this.clock = builder.clock;
        this.checks = builder.checks;
        this.retention = builder.retention != null ? builder.retention
                : retentionSetting(builder.store).orElse(DEFAULT_RETENTION);
        if (builder.timer != null) {
            this.timer = builder.timer;
        } else if (builder.scheduler != null) {
            this.timer = MonitorTimer.on(builder.scheduler);
        } else {
            TickTimer own = new TickTimer(clock, "orbitr-health-timer");
            owned.add(own);
            this.timer = own;
        }
        if (builder.checkPool != null) {
            this.checkPool = builder.checkPool;
        } else {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(builder.checkThreads, builder.checkThreads, 60,
                    TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("orbitr-health-check"));
            pool.allowCoreThreadTimeOut(true);
            owned.add(pool::shutdownNow);
            this.checkPool = pool;
        }
        this.repository = new TargetRepository(store);
        this.history = new HealthHistory(store);
        this.notifications = new NotificationStore(store);
        this.dispatcher = new NotificationDispatcher(builder.sinks, Optional.ofNullable(builder.sinkExecutor));
        this.remediator = new Remediator(builder.engine, builder.supervisor, checkPool, clock);
        this.nextPurge = new AtomicLong(clock.millis() + Duration.ofMinutes(1).toMillis());
        this.writer = new HistoryWriter(store, dispatcher, this::housekeeping);
    }

    /**
     * @param store  the platform's store, migrated
     * @param checks creates a check from a spec (the platform's {@code Orbitr::healthCheck})
     * @return a builder
     */
    public static Builder builder(Store store, Function<CheckSpec, HealthCheck> checks) {
        return new Builder(store, checks);
    }

    // ----- targets -----

    /**
     * Adds a target and checks it right away.
     *
     * @param target the target
     * @return the target as stored
     * @throws ConflictException when a target with its id exists
     * @throws InvalidValueException when its check's options are bad, naming the option
     * @throws io.orbitr.MissingProviderException when no provider runs its check type
     */
    public HealthTarget add(HealthTarget target) {
        addAll(List.of(target), false);
        return target;
    }

    /**
     * Adds many targets in one transaction (all or none), their first checks spread evenly over each one's
     * interval so they do not all fire at once.
     *
     * @param targets the targets
     * @return them, as stored
     * @throws ConflictException when an id exists or repeats
     */
    public List<HealthTarget> addAll(Collection<HealthTarget> targets) {
        return addAll(targets, true);
    }

    private List<HealthTarget> addAll(Collection<HealthTarget> targets, boolean spread) {
        requireOpen();
        List<HealthTarget> list = List.copyOf(targets);
        Set<String> ids = new HashSet<>();
        List<HealthCheck> created = new ArrayList<>(list.size());
        for (HealthTarget target : list) {
            if (!ids.add(target.id())) {
                throw new ConflictException("health target id '" + target.id() + "' appears twice in one batch");
            }
            requireKnownSinks(target);
            created.add(checks.apply(target.check()));
        }
        synchronized (admin) {
            for (HealthTarget target : list) {
                if (runtimes.containsKey(target.id())) {
                    throw new ConflictException("a health target with id '" + target.id()
                            + "' already exists; update it, or remove it first");
                }
            }
            repository.insert(list, clock.millis());
            // Due times count from after the insert, which takes a while for thousands of targets.
            long now = clock.millis();
            for (int i = 0; i < list.size(); i++) {
                HealthTarget target = list.get(i);
                TargetRuntime runtime = new TargetRuntime(target, Optional.of(created.get(i)), "",
                        TargetState.fresh(now), new RemediationLog());
                runtimes.put(target.id(), runtime);
                long offset = spread ? target.interval().toMillis() * i / list.size() : 0;
                synchronized (runtime) {
                    schedule(runtime, now + offset);
                }
            }
        }
        log.debug("added {} health target(s)", list.size());
        return list;
    }

    /**
     * Replaces a target's definition. Its state carries over; its start period begins again; it is checked right
     * away unless paused.
     *
     * @param target the new definition, with the id of an existing target
     * @return the target as stored
     * @throws NotFoundException when no target has its id
     */
    public HealthTarget update(HealthTarget target) {
        requireOpen();
        requireKnownSinks(target);
        HealthCheck check = checks.apply(target.check());
        synchronized (admin) {
            TargetRuntime old = require(target.id());
            long now = clock.millis();
            repository.update(target, now);
            old.retired = true;
            TargetRuntime replacement;
            synchronized (old) {
                old.cancelWork();
                replacement = new TargetRuntime(target, Optional.of(check), "", old.state.restarted(now),
                        old.remediation);
                replacement.last = old.last;
                replacement.paused = old.paused;
            }
            runtimes.put(target.id(), replacement);
            synchronized (replacement) {
                if (!replacement.paused) {
                    schedule(replacement, now);
                }
            }
        }
        return target;
    }

    /**
     * Pauses a target (maintenance): no checks, no notifications, status PAUSED. Kept across restarts.
     *
     * @param id the target's id
     * @throws NotFoundException when no target has that id
     */
    public void pause(String id) {
        setPaused(id, true);
    }

    /**
     * Resumes a paused target and checks it right away; its start period begins again.
     *
     * @param id the target's id
     * @throws NotFoundException when no target has that id
     */
    public void resume(String id) {
        setPaused(id, false);
    }

    private void setPaused(String id, boolean paused) {
        requireOpen();
        synchronized (admin) {
            TargetRuntime runtime = require(id);
            long now = clock.millis();
            repository.setPaused(id, paused, now);
            synchronized (runtime) {
                if (runtime.paused == paused) {
                    return;
                }
                runtime.paused = paused;
                runtime.cancelWork();
                HealthStatus before = runtime.state.status();
                runtime.state = runtime.state.paused(paused, now);
                if (before != runtime.state.status()) {
                    fire(new StatusChange(id, before, runtime.state.status(), runtime.last.orElse(
                            HealthResult.of(runtime.state.status(), paused ? "paused" : "resumed"))));
                }
                if (!paused) {
                    schedule(runtime, now);
                }
            }
        }
    }

    /**
     * Removes a target, its history and its notifications.
     *
     * @param id the target's id
     * @throws NotFoundException when no target has that id
     */
    public void remove(String id) {
        requireOpen();
        synchronized (admin) {
            TargetRuntime runtime = require(id);
            runtime.retired = true;
            synchronized (runtime) {
                runtime.cancelWork();
            }
            runtimes.remove(id);
            // Results already handed to the writer must land before the delete, or they would outlive it.
            writer.flush();
            repository.delete(id);
        }
    }

    /**
     * Checks a target now instead of at its next due time (unless a check is already running).
     *
     * @param id the target's id
     * @throws NotFoundException when no target has that id
     */
    public void checkNow(String id) {
        requireOpen();
        TargetRuntime runtime = require(id);
        synchronized (runtime) {
            if (runtime.paused || runtime.inFlight != null) {
                return;
            }
            schedule(runtime, clock.millis());
        }
    }

    /**
     * @param id a target's id
     * @return its definition, or empty
     */
    public Optional<HealthTarget> target(String id) {
        return Optional.ofNullable(runtimes.get(id)).map(r -> r.target);
    }

    /**
     * @param limit the page size, 1 to 10,000
     * @param after the cursor of the previous page (the last id), empty for the first
     * @return the targets, by id
     */
    public Page<HealthTarget> targets(int limit, Optional<String> after) {
        return page(Optional.empty(), limit, after, r -> r.target);
    }

    // ----- status -----

    /**
     * Adds a listener told of every target's status changes from now on.
     *
     * @param listener the listener; fast and non-blocking
     * @return closing it removes the listener
     */
    public AutoCloseable addListener(StatusListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Waits until a target has a status, for example until a new target is UP.
     *
     * @param id      the target's id
     * @param wanted  the status to wait for
     * @param timeout how long to wait at most
     * @return the target's status once it has the wanted one
     * @throws NotFoundException when no target has that id
     * @throws UnavailableException when the timeout passes first, naming the status it has instead
     * @throws OrbitrException when the waiting thread is interrupted (its interrupt flag is set again)
     */
    public TargetStatus await(String id, HealthStatus wanted, Duration timeout) {
        Objects.requireNonNull(wanted, "wanted");
        Objects.requireNonNull(timeout, "timeout");
        java.util.concurrent.CompletableFuture<Void> reached = new java.util.concurrent.CompletableFuture<>();
        StatusListener listener = change -> {
            if (change.targetId().equals(id) && change.to() == wanted) {
                reached.complete(null);
            }
        };
        listeners.add(listener);
        try {
            // Read after listening, so a change between the two is not missed.
            TargetStatus now = status(id);
            if (now.status() == wanted) {
                return now;
            }
            reached.get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            return status(id);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new UnavailableException("health target '" + id + "' is " + status(id).status() + ", not "
                    + wanted + ", after waiting " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrbitrException("interrupted while waiting for health target '" + id + "' to be " + wanted, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new OrbitrException("waiting for health target '" + id + "' failed", e.getCause());
        } finally {
            listeners.remove(listener);
        }
    }

    private void fire(StatusChange change) {
        for (StatusListener listener : listeners) {
            try {
                listener.statusChanged(change);
            } catch (RuntimeException e) {
                log.warn("a health status listener failed on {} -> {} of '{}': {}", change.from(), change.to(),
                        change.targetId(), e.toString());
            }
        }
    }

    /**
     * @param id a target's id
     * @return where it stands now
     * @throws NotFoundException when no target has that id
     */
    public TargetStatus status(String id) {
        return statusOf(require(id));
    }

    /**
     * @param group only this group's targets, or empty for all
     * @param limit the page size, 1 to 10,000
     * @param after the cursor of the previous page (the last id), empty for the first
     * @return where the targets stand now, by id
     */
    public Page<TargetStatus> statuses(Optional<String> group, int limit, Optional<String> after) {
        return page(group, limit, after, this::statusOf);
    }

    /**
     * @param id a target's id
     * @return its latest result (from memory; from the store before its first check since start), or empty
     * @throws NotFoundException when no target has that id
     */
    public Optional<HealthResult> latest(String id) {
        TargetRuntime runtime = require(id);
        synchronized (runtime) {
            return runtime.last;
        }
    }

    // ----- history -----

    /**
     * @param id    a target's id
     * @param from  the earliest check time, inclusive
     * @param to    the latest check time, exclusive
     * @param limit the page size, 1 to 10,000
     * @param after the cursor of the previous page, empty for the first
     * @return its stored results in that range, newest first
     */
    public Page<HistoryEntry> history(String id, Instant from, Instant to, int limit, Optional<String> after) {
        return history.page(id, from, to, limit, after);
    }

    /**
     * @param id     a target's id
     * @param window how far back
     * @return the percentage (0-100) of UP checks among UP, PENDING and DOWN checks in the window, empty when there
     *     was none
     */
    public OptionalDouble uptime(String id, Duration window) {
        HealthHistory.Window figures = history.window(id, since(window));
        return figures.judged() == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(100.0 * figures.up() / figures.judged());
    }

    /**
     * @param id     a target's id
     * @param window how far back
     * @return the average, minimum and maximum response time of its UP checks in the window, empty when there was
     *     none
     */
    public Optional<ResponseTimes> responseTimes(String id, Duration window) {
        return history.window(id, since(window)).times();
    }

    /**
     * @param id a target's id
     * @return its health score (the formula is on {@link HealthScore}), empty when paused or never checked
     * @throws NotFoundException when no target has that id
     */
    public Optional<HealthScore> score(String id) {
        return scoreOf(require(id));
    }

    /**
     * @param group a group's name
     * @return the group's score: {@code round(0.75 * mean + 0.25 * worst)} of its members' scores, empty when none
     *     is scored
     */
    public Optional<HealthScore> groupScore(String group) {
        List<HealthScore> members = new ArrayList<>();
        for (TargetRuntime runtime : runtimes.values()) {
            if (runtime.target.group().equals(group)) {
                scoreOf(runtime).ifPresent(members::add);
            }
        }
        return HealthScores.group(members);
    }

    /**
     * Deletes results older than the retention now (the monitor also does it every hour).
     *
     * @return how many results were deleted
     */
    public long purgeHistory() {
        Instant now = clock.instant();
        long deleted = history.purge(now.minus(retention));
        Duration keepNotifications = retention.compareTo(NOTIFICATION_RETENTION) > 0 ? retention
                : NOTIFICATION_RETENTION;
        notifications.purge(now.minus(keepNotifications));
        if (deleted > 0) {
            log.debug("purged {} health results older than {}", deleted, retention);
        }
        return deleted;
    }

    /** Waits until every result and notification so far is stored (and the notifications handed to the sinks). */
    public void flush() {
        writer.flush();
    }

    // ----- notifications -----

    /**
     * @param unreadOnly whether to list unread ones only
     * @param limit      the page size, 1 to 1000
     * @param after      the cursor of the previous page, empty for the first
     * @return notifications, newest first
     */
    public Page<Notification> notifications(boolean unreadOnly, int limit, Optional<String> after) {
        return notifications.page(unreadOnly, limit, after);
    }

    /**
     * @param id a notification's id
     * @return whether it exists (and is now read)
     */
    public boolean markRead(long id) {
        return notifications.markRead(id);
    }

    /** @return how many unread notifications were marked read */
    public int markAllRead() {
        return notifications.markAllRead();
    }

    /** @return how many notifications are unread */
    public long unreadCount() {
        return notifications.unreadCount();
    }

    /** @return the ids of the notification sinks in use */
    public List<String> sinks() {
        return dispatcher.sinkIds();
    }

    /** A sink that does not exist would swallow the target's notifications silently: refuse it up front. */
    private void requireKnownSinks(HealthTarget target) {
        List<String> known = dispatcher.sinkIds();
        for (String sink : target.sinks()) {
            if (!known.contains(sink)) {
                String nearest = io.orbitr.NearestName.of(sink, known).map(n -> "did you mean '" + n + "'? ")
                        .orElse("");
                throw new InvalidValueException("health target '" + target.id() + "' sinks", sink,
                        "no notification sink has this id; " + nearest + (known.isEmpty()
                                ? "there are none on the class path" : "the sinks are " + String.join(", ", known)));
            }
        }
    }

    // ----- the monitor itself -----

    /** @return how long results are kept */
    public Duration retention() {
        return retention;
    }

    /** @return how the monitor keeps up: checks, timeouts, lateness, the history writer's backlog */
    public MonitorMetrics metrics() {
        return metrics.snapshot(runtimes.size(), writer.stored(), writer.dropped(), writer.pending());
    }

    /** Starts the lateness histogram and the check counts afresh (the store counts go on). */
    public void resetMetrics() {
        metrics.reset();
    }

    /** Stops every check and timer, writes what is pending, and releases the monitor's threads. Idempotent. */
    @Override
    public void close() {
        synchronized (admin) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (TargetRuntime runtime : runtimes.values()) {
            runtime.retired = true;
            synchronized (runtime) {
                runtime.cancelWork();
            }
        }
        for (AutoCloseable closeable : owned) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("while closing the health monitor: {}", e.toString());
            }
        }
        writer.close();
        dispatcher.close();
    }

    // ----- scheduling and results -----

    /** Schedules the runtime's next check; the caller holds the runtime's lock. */
    private void schedule(TargetRuntime runtime, long dueMillis) {
        if (runtime.pending != null) {
            runtime.pending.cancel();
        }
        long token = ++runtime.token;
        runtime.pending = timer.schedule(dueMillis - clock.millis(), () -> dispatch(runtime, dueMillis, token));
    }

    private void dispatch(TargetRuntime runtime, long dueMillis, long token) {
        Execution execution;
        synchronized (runtime) {
            if (runtime.retired || runtime.paused || token != runtime.token || runtime.inFlight != null) {
                return;
            }
            runtime.pending = null;
            execution = new Execution(runtime, dueMillis, clock.millis(), System.nanoTime());
            runtime.inFlight = execution;
        }
        metrics.started(execution.startedMillis - dueMillis);
        Duration timeout = runtime.target.timeout();
        execution.timeout(timer.schedule(timeout.toMillis(), () -> timedOut(execution, timeout)));
        if (runtime.check.isEmpty()) {
            complete(execution, HealthResult.of(HealthStatus.UNKNOWN, runtime.checkProblem), null);
        } else if (runtime.check.get() instanceof AsyncHealthCheck async) {
            CompletableFuture<HealthResult> future;
            try {
                future = async.start(timeout);
            } catch (RuntimeException | LinkageError e) {
                complete(execution, null, e);
                return;
            }
            execution.onCancel(() -> future.cancel(true));
            future.whenComplete((result, error) -> complete(execution, result, error));
        } else {
            HealthCheck check = runtime.check.get();
            FutureTask<HealthResult> task = new FutureTask<>(check::check) {
                @Override
                protected void done() {
                    if (isCancelled()) {
                        return;
                    }
                    try {
                        complete(execution, get(), null);
                    } catch (java.util.concurrent.ExecutionException e) {
                        complete(execution, null, e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            execution.onCancel(() -> task.cancel(true));
            try {
                checkPool.execute(task);
            } catch (RejectedExecutionException e) {
                complete(execution, HealthResult.of(HealthStatus.UNKNOWN, "the monitor is closing"), null);
            }
        }
    }

    private void timedOut(Execution execution, Duration timeout) {
        if (execution.stop()) {
            metrics.timedOut();
            record(execution, HealthResult.down("timed out after " + timeout.toMillis() + " ms"));
        }
    }

    private void complete(Execution execution, HealthResult result, Throwable error) {
        if (!execution.finish()) {
            return;
        }
        HealthResult verdict;
        if (error != null) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            verdict = HealthResult.down(cause.getMessage() != null && !cause.getMessage().isBlank()
                    ? cause.getMessage() : cause.getClass().getSimpleName());
        } else if (result == null) {
            verdict = HealthResult.down("the check returned no result");
        } else {
            verdict = result;
        }
        record(execution, verdict);
    }

    private void record(Execution execution, HealthResult verdict) {
        TargetRuntime runtime = execution.runtime;
        long now = clock.millis();
        HealthResult timed = verdict.timed(Instant.ofEpochMilli(execution.startedMillis),
                Duration.ofNanos(System.nanoTime() - execution.startedNanos));
        StateMachine.Step step;
        HealthStatus before;
        HealthResult stored;
        synchronized (runtime) {
            if (runtime.retired || runtime.inFlight != execution) {
                return;
            }
            runtime.inFlight = null;
            before = runtime.state.status();
            step = StateMachine.apply(runtime.state, timed, runtime.target, now);
            runtime.state = step.state();
            String message = step.inStartPeriod() ? timed.message() + " (in start period)" : timed.message();
            stored = new HealthResult(step.state().status(), message, timed.details(), timed.timestamp(),
                    timed.duration());
            runtime.last = Optional.of(stored);
            schedule(runtime, Math.max(execution.dueMillis + step.nextDelayMillis(), now));
        }
        metrics.completed();
        if (before != stored.status()) {
            fire(new StatusChange(runtime.id(), before, stored.status(), stored));
        }
        writer.result(runtime.id(), stored);
        step.notice().ifPresent(notice -> writer.notification(new NotificationDraft(runtime.id(),
                runtime.target.name(), before, stored.status(), noticeMessage(runtime, notice, step.state(), stored),
                Instant.ofEpochMilli(now), runtime.target.sinks())));
        if (stored.status() == HealthStatus.DOWN && runtime.target.remediation().isPresent()) {
            remediator.consider(runtime, step.state(), stored, this::remediated);
        }
    }

    private static String noticeMessage(TargetRuntime runtime, StateMachine.Notice notice, TargetState state,
            HealthResult result) {
        String name = runtime.target.name();
        if (notice == StateMachine.Notice.RESEND) {
            return name + " is still DOWN after " + state.failures() + " failed checks: " + result.message();
        }
        return name + " is " + result.status() + (result.message().isEmpty() ? "" : ": " + result.message());
    }

    private void remediated(Remediator.Event event) {
        TargetRuntime runtime = event.runtime();
        long now = clock.millis();
        HealthStatus status;
        synchronized (runtime) {
            if (runtime.retired) {
                return;
            }
            if (event.restarted()) {
                // What was restarted needs its start period again before failures count.
                runtime.state = runtime.state.restarted(now);
            }
            status = runtime.state.status();
        }
        writer.notification(new NotificationDraft(runtime.id(), runtime.target.name(), status, status,
                runtime.target.name() + ": " + event.message(), Instant.ofEpochMilli(now), runtime.target.sinks()));
    }

    private void housekeeping() {
        long now = clock.millis();
        long due = nextPurge.get();
        if (now >= due && nextPurge.compareAndSet(due, now + PURGE_EVERY_MILLIS)) {
            try {
                purgeHistory();
            } catch (RuntimeException e) {
                log.warn("purging old health results failed; retrying in an hour: {}", e.toString());
            }
        }
    }

    // ----- start -----

    private void restore() {
        List<StoredTarget> stored = repository.loadAll();
        long now = clock.millis();
        Map<Long, Integer> perInterval = new java.util.HashMap<>();
        for (StoredTarget each : stored) {
            perInterval.merge(each.target().interval().toMillis(), 1, Integer::sum);
        }
        Map<Long, Integer> seen = new java.util.HashMap<>();
        for (StoredTarget each : stored) {
            HealthTarget target = each.target();
            Optional<HealthCheck> check = Optional.empty();
            String problem = "";
            try {
                check = Optional.of(checks.apply(target.check()));
            } catch (RuntimeException e) {
                problem = "cannot create the '" + target.check().type() + "' check: " + e.getMessage();
                log.error("health target '{}': {}", target.id(), problem);
            }
            Optional<HistoryEntry> latest = history.latest(target.id());
            TargetRuntime runtime = new TargetRuntime(target, check, problem, restoredState(each, latest),
                    new RemediationLog());
            runtime.last = latest.map(HistoryEntry::result);
            runtime.paused = each.paused();
            runtimes.put(target.id(), runtime);
            if (!each.paused()) {
                long interval = target.interval().toMillis();
                int index = seen.merge(interval, 1, Integer::sum) - 1;
                synchronized (runtime) {
                    // Spread evenly over one interval, so a restart with thousands of targets does not burst.
                    schedule(runtime, now + interval * index / perInterval.get(interval));
                }
            }
        }
        if (!stored.isEmpty()) {
            log.info("resumed monitoring of {} health target(s)", stored.size());
        }
    }

    private TargetState restoredState(StoredTarget stored, Optional<HistoryEntry> latest) {
        HealthTarget target = stored.target();
        if (latest.isEmpty()) {
            TargetState fresh = TargetState.fresh(stored.updatedAt());
            return stored.paused() ? fresh.paused(true, stored.updatedAt()) : fresh;
        }
        HealthStatus status = latest.get().result().status();
        Optional<HealthStatus> settled = status == HealthStatus.UP || status == HealthStatus.DOWN
                ? Optional.of(status) : history.lastSettled(target.id());
        // A DOWN target stays DOWN on its next failure (Kuma never goes from DOWN back to PENDING).
        int failures = status == HealthStatus.DOWN ? target.retries() : 0;
        return new TargetState(stored.paused() ? HealthStatus.PAUSED : status, failures, settled, true, 0, 0,
                latest.get().result().timestamp().toEpochMilli(), stored.updatedAt(), false);
    }

    // ----- helpers -----

    private TargetStatus statusOf(TargetRuntime runtime) {
        synchronized (runtime) {
            TargetState state = runtime.state;
            return new TargetStatus(runtime.id(), runtime.target.name(), runtime.target.group(), state.status(),
                    runtime.last, state.sinceMillis() < 0 ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(state.sinceMillis())), state.failures());
        }
    }

    private Optional<HealthScore> scoreOf(TargetRuntime runtime) {
        HealthStatus current;
        synchronized (runtime) {
            current = runtime.state.status();
        }
        return HealthScores.target(current, history.recent(runtime.id(), HealthScores.RECENT),
                history.window(runtime.id(), since(HealthScores.WINDOW)), runtime.target.timeout());
    }

    private <T> Page<T> page(Optional<String> group, int limit, Optional<String> after,
            Function<TargetRuntime, T> mapper) {
        if (limit < 1 || limit > 10_000) {
            throw new InvalidValueException("limit", limit, "must be between 1 and 10000");
        }
        Collection<TargetRuntime> candidates = after.isPresent()
                ? runtimes.tailMap(after.get(), false).values() : runtimes.values();
        List<T> items = new ArrayList<>();
        String last = null;
        for (TargetRuntime runtime : candidates) {
            if (group.isPresent() && !runtime.target.group().equals(group.get())) {
                continue;
            }
            if (items.size() == limit) {
                return new Page<>(items, Optional.of(last));
            }
            items.add(mapper.apply(runtime));
            last = runtime.id();
        }
        return new Page<>(items, Optional.empty());
    }

    private TargetRuntime require(String id) {
        Objects.requireNonNull(id, "id");
        TargetRuntime runtime = runtimes.get(id);
        if (runtime == null) {
            throw new NotFoundException("health target", id);
        }
        return runtime;
    }

    private Instant since(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new InvalidValueException("window", window, "must be more than 0");
        }
        return clock.instant().minus(window);
    }

    private static Optional<Duration> retentionSetting(Store store) {
        Optional<String> text = store.read(connection -> {
            try (java.sql.PreparedStatement query = connection.prepareStatement(
                    "SELECT setting_value FROM settings WHERE setting_key = ?")) {
                query.setString(1, RETENTION_SETTING);
                try (java.sql.ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
        return text.map(value -> {
            Duration parsed = CheckSpec.parseDuration(RETENTION_SETTING, value);
            if (parsed.compareTo(Duration.ofHours(1)) < 0) {
                throw new InvalidValueException(RETENTION_SETTING, value, "must be at least 1 hour");
            }
            return parsed;
        });
    }

    private void requireOpen() {
        if (closed) {
            throw new io.orbitr.UnavailableException("the health monitor is closed");
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Assembles a {@link HealthMonitor}. Not thread-safe; build once. */
    public static final class Builder {
        private final Store store;
        private final Function<CheckSpec, HealthCheck> checks;
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService scheduler;
        private MonitorTimer timer;
        private ExecutorService checkPool;
        private Executor sinkExecutor;
        private int checkThreads = 16;
        private Duration retention;
        private final List<NotificationSink> sinks = new ArrayList<>();
        private Supplier<Optional<ContainerEngine>> engine = Optional::empty;
        private Supplier<Optional<ProcessSupervisor>> supervisor = Optional::empty;

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
            this.scheduler = Objects.requireNonNull(value, "scheduler");
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
            this.retention = value;
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

        /** @param value finds the process supervisor, for process remediation @return this builder */
        public Builder supervisor(Supplier<Optional<ProcessSupervisor>> value) {
            this.supervisor = Objects.requireNonNull(value, "supervisor");
            return this;
        }

        Builder timer(MonitorTimer value) {
            this.timer = value;
            return this;
        }

        Builder checkPool(ExecutorService value) {
            this.checkPool = value;
            return this;
        }

        Builder sinkExecutor(Executor value) {
            this.sinkExecutor = value;
            return this;
        }

        /**
         * Creates the monitor, loads the stored targets and schedules their checks.
         *
         * @return the running monitor
         */
        public HealthMonitor build() {
            HealthMonitor monitor = new HealthMonitor(this);
            try {
                monitor.restore();
            } catch (RuntimeException e) {
                monitor.close();
                throw e;
            }
            return monitor;
        }
    }
}
