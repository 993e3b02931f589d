package io.orbitr.health;

/**
 * Told when a health target's status changes (UNKNOWN to UP, UP to PENDING, PENDING to DOWN, to PAUSED...). Called
 * on the monitor's thread right after the change is decided, once its result and notification are queued for the
 * store (whoever saw the change and then calls {@link HealthMonitor#flush()} finds them stored): it must be fast
 * and must not block; an exception it throws is logged and does not reach the monitor.
 */
@FunctionalInterface
public interface StatusListener {

    /** @param change what changed */
    void statusChanged(StatusChange change);
}
