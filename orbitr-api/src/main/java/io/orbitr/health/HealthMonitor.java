package io.orbitr.health;

import io.orbitr.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Monitors health targets with Uptime Kuma's semantics, keeps their history and scores them: what a host gets from
 * {@code orbitr.health()} and a plug-in from {@code context.require(HealthMonitor.class)}. Notifications of status
 * changes are read from the platform's {@link io.orbitr.notify.NotificationInbox}. Thread-safe.
 *
 * <pre>{@code
 * HealthMonitor health = orbitr.health();
 * health.add(HealthTarget.builder("api", CheckSpec.of("http", "url", "http://127.0.0.1:8080/health"))
 *         .interval(Duration.ofSeconds(30)).retries(2).build());
 * TargetStatus now = health.await("api", HealthStatus.UP, Duration.ofSeconds(10));
 * OptionalDouble uptime = health.uptime("api", Duration.ofDays(1));
 * }</pre>
 *
 * <h2>States and notifications</h2>
 * PENDING while retries remain, DOWN when they are spent, PAUSED while paused, UNKNOWN before the first result. A
 * notification goes out for a target's first result when it is DOWN and whenever its settled state changes between UP
 * and DOWN; UP to PENDING is silent; while DOWN it is re-sent every {@code resendEvery} checks when set.
 *
 * <h2>Ordering</h2>
 * A result's status change becomes visible ({@link #status(String)}, {@link #await}, listeners) only after the result
 * and the notification it causes are queued for the store; both are written moments later, in a batch. So once a
 * caller has seen a status, {@link #flush()} makes its result readable in {@link #history} and its notification in
 * the inbox.
 *
 * <h2>Push targets</h2>
 * A target whose check is {@code CheckSpec.of(HealthMonitor.PUSH)} is not checked by the monitor: something outside
 * reports its results through {@link #record(String, HealthResult)} (Uptime Kuma's push monitor). A result missing
 * for one interval (the retry interval while PENDING) counts as a failed check ("no result pushed in time"), unless
 * the target's check says {@code CheckSpec.of(HealthMonitor.PUSH, "watchdog", false)}.
 */
public interface HealthMonitor {

    /** The check type of push targets, whose results are recorded from outside ({@link #record}). */
    String PUSH = "push";

    /**
     * Adds a target and checks it right away.
     *
     * @param target the target
     * @return the target as stored
     * @throws io.orbitr.ConflictException when a target with its id exists
     * @throws io.orbitr.InvalidValueException when its check's options are bad, naming the option, or it names a
     *     notification sink that does not exist
     * @throws io.orbitr.MissingProviderException when no provider runs its check type
     */
    HealthTarget add(HealthTarget target);

    /**
     * Adds many targets in one transaction (all or none), their first checks spread evenly over each one's interval
     * so they do not all fire at once.
     *
     * @param targets the targets
     * @return them, as stored
     * @throws io.orbitr.ConflictException when an id exists or repeats
     */
    List<HealthTarget> addAll(Collection<HealthTarget> targets);

    /**
     * Replaces a target's definition. Its state carries over; its start period begins again; it is checked right
     * away unless paused.
     *
     * @param target the new definition, with the id of an existing target
     * @return the target as stored
     * @throws io.orbitr.NotFoundException when no target has its id
     */
    HealthTarget update(HealthTarget target);

    /**
     * Pauses a target (maintenance): no checks, no notifications, status PAUSED. Kept across restarts.
     *
     * @param id the target's id
     * @throws io.orbitr.NotFoundException when no target has that id
     */
    void pause(String id);

    /**
     * Resumes a paused target and checks it right away; its start period begins again.
     *
     * @param id the target's id
     * @throws io.orbitr.NotFoundException when no target has that id
     */
    void resume(String id);

    /**
     * Removes a target, its history and its notifications.
     *
     * @param id the target's id
     * @throws io.orbitr.NotFoundException when no target has that id
     */
    void remove(String id);

    /**
     * Checks a target now instead of at its next due time (unless a check is already running).
     *
     * @param id the target's id
     * @throws io.orbitr.NotFoundException when no target has that id
     */
    void checkNow(String id);

    /**
     * Records a result of a push target, reported from outside the monitor; it counts as one check (retries,
     * notifications, history), and the wait for the next one starts again. A result without a timestamp
     * ({@link Instant#EPOCH}) is stamped now.
     *
     * @param targetId the push target's id
     * @param result   what was observed
     * @throws io.orbitr.NotFoundException when no target has that id
     * @throws io.orbitr.ConflictException when the target is not a push target, or is paused
     * @throws io.orbitr.InvalidValueException when the result's status is PAUSED
     */
    void record(String targetId, HealthResult result);

    /**
     * @param id a target's id
     * @return its definition, or empty
     */
    Optional<HealthTarget> target(String id);

    /**
     * @param limit the page size, 1 to 10,000
     * @param after the cursor of the previous page (the last id), empty for the first
     * @return the targets, by id
     */
    Page<HealthTarget> targets(int limit, Optional<String> after);

    /**
     * Adds a listener told of every target's status changes from now on.
     *
     * @param listener the listener; fast and non-blocking
     * @return closing it removes the listener
     */
    AutoCloseable addListener(StatusListener listener);

    /**
     * Waits until a target has a status, for example until a new target is UP.
     *
     * @param id      the target's id
     * @param wanted  the status to wait for
     * @param timeout how long to wait at most
     * @return the target's status once it has the wanted one
     * @throws io.orbitr.NotFoundException when no target has that id
     * @throws io.orbitr.UnavailableException when the timeout passes first, naming the status it has instead
     * @throws io.orbitr.OrbitrException when the waiting thread is interrupted (its interrupt flag is set again)
     */
    TargetStatus await(String id, HealthStatus wanted, Duration timeout);

    /**
     * @param id a target's id
     * @return where it stands now
     * @throws io.orbitr.NotFoundException when no target has that id
     */
    TargetStatus status(String id);

    /**
     * @param group only this group's targets, or empty for all
     * @param limit the page size, 1 to 10,000
     * @param after the cursor of the previous page (the last id), empty for the first
     * @return where the targets stand now, by id
     */
    Page<TargetStatus> statuses(Optional<String> group, int limit, Optional<String> after);

    /**
     * @param id a target's id
     * @return its latest result (from memory; from the store before its first check since start), or empty
     * @throws io.orbitr.NotFoundException when no target has that id
     */
    Optional<HealthResult> latest(String id);

    /**
     * @param id    a target's id
     * @param from  the earliest check time, inclusive
     * @param to    the latest check time, exclusive
     * @param limit the page size, 1 to 10,000
     * @param after the cursor of the previous page, empty for the first
     * @return its stored results in that range, newest first
     */
    Page<HistoryEntry> history(String id, Instant from, Instant to, int limit, Optional<String> after);

    /**
     * @param id     a target's id
     * @param window how far back
     * @return the percentage (0-100) of UP checks among UP, PENDING and DOWN checks in the window, empty when there
     *     was none
     */
    OptionalDouble uptime(String id, Duration window);

    /**
     * @param id     a target's id
     * @param window how far back
     * @return the average, minimum and maximum response time of its UP checks in the window, empty when there was
     *     none
     */
    Optional<ResponseTimes> responseTimes(String id, Duration window);

    /**
     * @param id a target's id
     * @return its health score (the formula is on {@link HealthScore}), empty when paused or never checked
     * @throws io.orbitr.NotFoundException when no target has that id
     */
    Optional<HealthScore> score(String id);

    /**
     * @param group a group's name
     * @return the group's score: {@code round(0.75 * mean + 0.25 * worst)} of its members' scores, empty when none
     *     is scored
     */
    Optional<HealthScore> groupScore(String group);

    /**
     * Deletes results older than the retention now (the monitor also does it every hour).
     *
     * @return how many results were deleted
     */
    long purgeHistory();

    /**
     * Waits until every result and notification queued so far is stored (and the notifications handed to the
     * sinks). Every status already visible is covered (see Ordering above).
     */
    void flush();

    /** @return how long results are kept */
    Duration retention();

    /** @return how the monitor keeps up: checks, timeouts, lateness, the history writer's backlog */
    MonitorMetrics metrics();

    /** Starts the lateness histogram and the check counts afresh (the store counts go on). */
    void resetMetrics();
}
