package io.orbitr.core.health;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.NearestName;
import io.orbitr.NotFoundException;
import io.orbitr.UnavailableException;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import io.orbitr.health.HistoryEntry;
import io.orbitr.Page;
import io.orbitr.health.StatusChange;
import io.orbitr.health.TargetStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitored targets: their definitions in {@code health_targets} and their runtimes in memory, kept in step.
 * Adds, changes, pauses, resumes and removes targets (each change with its store write, one at a time), answers
 * where they stand, and at start restores them with the state their last results left. Thread-safe.
 */
final class TargetRegistry {
    private static final Logger log = LoggerFactory.getLogger(TargetRegistry.class);

    private final TargetRepository repository;
    private final HealthHistory history;
    private final Function<HealthTarget, HealthCheck> checks;
    private final CheckScheduler scheduler;
    private final HistoryWriter writer;
    private final StatusListeners listeners;
    private final Supplier<List<String>> sinkIds;
    private final Clock clock;
    private final ConcurrentSkipListMap<String, TargetRuntime> runtimes = new ConcurrentSkipListMap<>();
    /** Serializes changes of the target set (add, change, pause, resume, remove) with their store writes. */
    private final Object admin = new Object();
    private volatile boolean closed;
    /** Which targets this server checks: every one, unless several servers share them ({@link SharedTargets}). */
    private volatile Predicate<String> runsHere = id -> true;

    /**
     * @param checks creates a target's check (a push target's too); throws for a bad spec
     */
    TargetRegistry(TargetRepository repository, HealthHistory history, Function<HealthTarget, HealthCheck> checks,
            CheckScheduler scheduler, HistoryWriter writer, StatusListeners listeners, Supplier<List<String>> sinkIds,
            Clock clock) {
        this.repository = repository;
        this.history = history;
        this.checks = checks;
        this.scheduler = scheduler;
        this.writer = writer;
        this.listeners = listeners;
        this.sinkIds = sinkIds;
        this.clock = clock;
    }

    // ----- changes -----

    List<HealthTarget> addAll(Collection<HealthTarget> targets, boolean spread) {
        requireOpen();
        List<HealthTarget> list = List.copyOf(targets);
        Set<String> ids = new HashSet<>();
        List<HealthCheck> created = new ArrayList<>(list.size());
        for (HealthTarget target : list) {
            if (!ids.add(target.id())) {
                throw new ConflictException("health target id '" + target.id() + "' appears twice in one batch");
            }
            requireKnownSinks(target);
            created.add(checks.apply(target));
        }
        synchronized (admin) {
            requireOpen();
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
                    startHere(runtime, now + offset);
                }
            }
        }
        log.debug("added {} health target(s)", list.size());
        return list;
    }

    HealthTarget update(HealthTarget target) {
        requireOpen();
        requireKnownSinks(target);
        HealthCheck check = checks.apply(target);
        synchronized (admin) {
            requireOpen();
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
                    startHere(replacement, now);
                }
            }
        }
        return target;
    }

    void setPaused(String id, boolean paused) {
        requireOpen();
        StatusChange change = null;
        synchronized (admin) {
            requireOpen();
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
                    change = new StatusChange(id, before, runtime.state.status(), runtime.last.orElse(
                            HealthResult.of(runtime.state.status(), paused ? "paused" : "resumed")));
                }
                if (!paused) {
                    startHere(runtime, now);
                }
            }
        }
        if (change != null) {
            listeners.fire(change);
        }
    }

    void remove(String id) {
        requireOpen();
        synchronized (admin) {
            requireOpen();
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

    /** Checks now, unless paused, running, or a push target (whose results come from outside). */
    void checkNow(String id) {
        requireOpen();
        TargetRuntime runtime = require(id);
        synchronized (runtime) {
            if (runtime.paused || !runtime.here || runtime.inFlight != null || CheckScheduler.isPush(runtime)) {
                return;
            }
            scheduler.schedule(runtime, clock.millis());
        }
    }

    /** Stops every target's work, for good. */
    void close() {
        synchronized (admin) {
            closed = true;
        }
        for (TargetRuntime runtime : runtimes.values()) {
            runtime.retired = true;
            synchronized (runtime) {
                runtime.cancelWork();
            }
        }
    }

    // ----- reads -----

    TargetRuntime require(String id) {
        Objects.requireNonNull(id, "id");
        TargetRuntime runtime = runtimes.get(id);
        if (runtime == null) {
            throw new NotFoundException("health target", id);
        }
        return runtime;
    }

    Optional<TargetRuntime> find(String id) {
        return Optional.ofNullable(runtimes.get(Objects.requireNonNull(id, "id")));
    }

    Collection<TargetRuntime> all() {
        return runtimes.values();
    }

    int size() {
        return runtimes.size();
    }

    TargetStatus status(TargetRuntime runtime) {
        synchronized (runtime) {
            TargetState state = runtime.state;
            return new TargetStatus(runtime.id(), runtime.target.name(), runtime.target.group(), state.status(),
                    runtime.last, state.sinceMillis() < 0 ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(state.sinceMillis())), state.failures());
        }
    }

    Optional<HealthResult> latest(TargetRuntime runtime) {
        synchronized (runtime) {
            return runtime.last;
        }
    }

    <T> Page<T> page(Optional<String> group, int limit, Optional<String> after, Function<TargetRuntime, T> mapper) {
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

    // ----- start -----

    /** Loads the stored targets and schedules their checks, spread over each one's interval. */
    void restore() {
        List<StoredTarget> stored = repository.loadAll();
        long now = clock.millis();
        Map<Long, Integer> perInterval = new HashMap<>();
        for (StoredTarget each : stored) {
            perInterval.merge(each.target().interval().toMillis(), 1, Integer::sum);
        }
        Map<Long, Integer> seen = new HashMap<>();
        for (StoredTarget each : stored) {
            HealthTarget target = each.target();
            CreatedCheck created = createCheck(target);
            Optional<HealthCheck> check = created.check();
            String problem = created.problem();
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
                    startHere(runtime, now + interval * index / perInterval.get(interval));
                }
            }
        }
        if (!stored.isEmpty()) {
            log.info("resumed monitoring of {} health target(s)", stored.size());
        }
    }

    // ----- sharing among servers -----

    /**
     * Follows the store and the leases when several servers share the targets: takes in the targets other servers
     * added, changed, paused or removed ({@code reloaded}, when the store changed), stops checking the targets this
     * server no longer owns and starts the ones it now owns. A target taken over continues from its stored last
     * result (its status, without notifying it again) and is next checked one interval after that result.
     *
     * @param owns     whether this server checks a target, by id
     * @param reloaded every stored target, when they changed since the last call
     */
    void share(Predicate<String> owns, Optional<List<StoredTarget>> reloaded) {
        List<TargetRuntime> adopt = new ArrayList<>();
        synchronized (admin) {
            if (closed) {
                return;
            }
            reloaded.ifPresent(this::follow);
            runsHere = owns;
            for (TargetRuntime runtime : runtimes.values()) {
                synchronized (runtime) {
                    boolean wanted = owns.test(runtime.id()) && !runtime.paused;
                    if (wanted && !runtime.here) {
                        adopt.add(runtime);
                    } else if (!wanted && runtime.here) {
                        runtime.cancelWork();
                        runtime.here = false;
                    }
                }
            }
            if (!adopt.isEmpty()) {
                adopt(adopt);
            }
        }
        if (!adopt.isEmpty()) {
            log.info("now checking {} more health target(s) (shared with other servers)", adopt.size());
        }
    }

    private void adopt(List<TargetRuntime> adopt) {
        Map<String, HistoryEntry> latest = history.latestOf(adopt.stream().map(TargetRuntime::id).toList());
        long now = clock.millis();
        int index = 0;
        for (TargetRuntime runtime : adopt) {
            Optional<HistoryEntry> last = Optional.ofNullable(latest.get(runtime.id()));
            long interval = runtime.target.interval().toMillis();
            long spread = interval * index++ / adopt.size();
            synchronized (runtime) {
                if (runtime.retired || runtime.paused || runtime.here) {
                    continue;
                }
                runtime.state = restoredState(new StoredTarget(runtime.target, false, now), last);
                runtime.last = last.map(HistoryEntry::result);
                long due = last.map(entry -> entry.result().timestamp().toEpochMilli() + interval)
                        .orElse(now + spread);
                startHere(runtime, Math.max(now, due));
            }
        }
    }

    /**
     * Takes in the results of targets another server checks, as it announced them, so that their status, latest
     * result and listeners here are as current as there. A result is ignored for a target this server checks, for a
     * paused one, and when it is older than the one already known (a late notice of a server that gave the target up).
     * The listeners are told of each status change; notifications stay with the checking server.
     *
     * @param results the results, in the order they were made
     */
    void mirror(List<LiveResult> results) {
        List<StatusChange> changes = new ArrayList<>();
        for (LiveResult live : results) {
            TargetRuntime runtime = runtimes.get(live.targetId());
            if (runtime == null || closed) {
                continue;
            }
            HealthResult result = live.result();
            synchronized (runtime) {
                if (runtime.retired || runtime.here || runtime.paused || runtime.last
                        .filter(known -> known.timestamp().isAfter(result.timestamp())).isPresent()) {
                    continue;
                }
                HealthStatus before = runtime.state.status();
                runtime.state = runtime.state.mirrored(result.status(), live.failures(), live.sinceMillis());
                runtime.last = Optional.of(result);
                if (before != result.status()) {
                    changes.add(new StatusChange(runtime.id(), before, result.status(), result));
                }
            }
        }
        changes.forEach(listeners::fire);
    }

    /**
     * Reads the latest stored result of every target another server checks, after announcements may have been
     * missed (the change feed lost its connection): their status here catches up, and the listeners are told.
     */
    void resync() {
        List<String> elsewhere = runtimes.values().stream().filter(runtime -> {
            synchronized (runtime) {
                return !runtime.here && !runtime.paused && !runtime.retired;
            }
        }).map(TargetRuntime::id).toList();
        if (elsewhere.isEmpty() || closed) {
            return;
        }
        Map<String, HistoryEntry> latest = history.latestOf(elsewhere);
        List<LiveResult> results = new ArrayList<>();
        for (HistoryEntry entry : latest.values()) {
            TargetRuntime runtime = runtimes.get(entry.targetId());
            if (runtime == null) {
                continue;
            }
            TargetState restored = restoredState(new StoredTarget(runtime.target, false, clock.millis()),
                    Optional.of(entry));
            results.add(new LiveResult(entry.targetId(), entry.result(), restored.failures(),
                    restored.sinceMillis()));
        }
        mirror(results);
    }

    /** Takes in what other servers changed in the store; the caller holds {@code admin}. */
    private void follow(List<StoredTarget> stored) {
        Map<String, StoredTarget> byId = new HashMap<>();
        stored.forEach(each -> byId.put(each.target().id(), each));
        long now = clock.millis();
        for (TargetRuntime runtime : List.copyOf(runtimes.values())) {
            if (!byId.containsKey(runtime.id())) {
                retire(runtime);
                runtimes.remove(runtime.id());
            }
        }
        for (StoredTarget each : stored) {
            HealthTarget target = each.target();
            TargetRuntime old = runtimes.get(target.id());
            if (old != null && old.target.equals(target)) {
                synchronized (old) {
                    if (old.paused != each.paused()) {
                        old.cancelWork();
                        old.here = false;
                        old.paused = each.paused();
                        old.state = old.state.paused(each.paused(), now);
                    }
                }
                continue;
            }
            CreatedCheck created = createCheck(target);
            Optional<HealthCheck> check = created.check();
            String problem = created.problem();
            TargetRuntime replacement = new TargetRuntime(target, check, problem,
                    old == null ? TargetState.fresh(now) : old.state.restarted(now),
                    old == null ? new RemediationLog() : old.remediation);
            if (old != null) {
                retire(old);
                replacement.last = old.last;
            }
            replacement.paused = each.paused();
            runtimes.put(target.id(), replacement);
        }
    }

    private static void retire(TargetRuntime runtime) {
        runtime.retired = true;
        synchronized (runtime) {
            runtime.cancelWork();
            runtime.here = false;
        }
    }

    /** Starts a target's checks here if this server checks it; the caller holds the runtime's lock. */
    private void startHere(TargetRuntime runtime, long dueMillis) {
        if (runsHere.test(runtime.id())) {
            runtime.here = true;
            scheduler.start(runtime, dueMillis);
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

    /** A sink that does not exist would swallow the target's notifications silently: refuse it up front. */
    private void requireKnownSinks(HealthTarget target) {
        List<String> known = sinkIds.get();
        for (String sink : target.sinks()) {
            if (!known.contains(sink)) {
                String nearest = NearestName.of(sink, known).map(n -> "did you mean '" + n + "'? ").orElse("");
                throw new InvalidValueException("health target '" + target.id() + "' sinks", sink,
                        "no notification sink has this id; " + nearest + (known.isEmpty()
                                ? "there are none on the class path" : "the sinks are " + String.join(", ", known)));
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new UnavailableException("the health monitor is closed");
        }
    }

    /** A target's check, or why it could not be made (the target then reports that as its result). */
    private record CreatedCheck(Optional<HealthCheck> check, String problem) {
    }

    private CreatedCheck createCheck(HealthTarget target) {
        try {
            return new CreatedCheck(Optional.of(checks.apply(target)), "");
        } catch (RuntimeException e) {
            String problem = "cannot create the '" + target.check().type() + "' check: " + e.getMessage();
            log.error("health target '{}': {}", target.id(), problem);
            return new CreatedCheck(Optional.empty(), problem);
        }
    }
}
