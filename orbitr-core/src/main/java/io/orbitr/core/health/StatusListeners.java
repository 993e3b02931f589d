package io.orbitr.core.health;

import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.StatusChange;
import io.orbitr.health.StatusListener;
import io.orbitr.health.TargetStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The status listeners, and waiting for a status, which is one listener for a while. Thread-safe. */
final class StatusListeners {
    private static final Logger log = LoggerFactory.getLogger(StatusListeners.class);
    private final CopyOnWriteArrayList<StatusListener> listeners = new CopyOnWriteArrayList<>();

    AutoCloseable add(StatusListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Tells every listener; one that throws is logged and does not stop the others. */
    void fire(StatusChange change) {
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
     * @param id      the target's id
     * @param wanted  the status to wait for
     * @param timeout how long at most
     * @param status  reads a target's status now (throws when there is no such target)
     * @return the status once it is the wanted one
     */
    TargetStatus await(String id, HealthStatus wanted, Duration timeout, Function<String, TargetStatus> status) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(wanted, "wanted");
        Objects.requireNonNull(timeout, "timeout");
        CompletableFuture<Void> reached = new CompletableFuture<>();
        StatusListener listener = change -> {
            if (change.targetId().equals(id) && change.to() == wanted) {
                reached.complete(null);
            }
        };
        listeners.add(listener);
        try {
            // Read after listening, so a change between the two is not missed.
            TargetStatus now = status.apply(id);
            if (now.status() == wanted) {
                return now;
            }
            reached.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return status.apply(id);
        } catch (TimeoutException e) {
            throw new UnavailableException("health target '" + id + "' is " + status.apply(id).status() + ", not "
                    + wanted + ", after waiting " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrbitrException("interrupted while waiting for health target '" + id + "' to be " + wanted, e);
        } catch (ExecutionException e) {
            throw new OrbitrException("waiting for health target '" + id + "' failed", e.getCause());
        } finally {
            listeners.remove(listener);
        }
    }
}
