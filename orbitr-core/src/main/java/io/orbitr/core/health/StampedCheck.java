package io.orbitr.core.health;

import io.orbitr.health.AsyncHealthCheck;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A check a host runs directly ({@code orbitr.healthCheck(spec).check()}), stamped as the monitor stamps its results:
 * with the time it started and how long it took, instead of the epoch and zero that a check itself returns.
 */
public final class StampedCheck {

    private StampedCheck() {
    }

    /**
     * @param check the check
     * @param clock the clock that stamps the start
     * @return the check, returning stamped results; asynchronous when the check is
     */
    public static HealthCheck of(HealthCheck check, Clock clock) {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(clock, "clock");
        if (check instanceof AsyncHealthCheck async) {
            return new AsyncHealthCheck() {
                @Override
                public CompletableFuture<HealthResult> start(Duration timeout) {
                    Instant started = clock.instant();
                    long startedNanos = System.nanoTime();
                    return async.start(timeout).thenApply(result -> stamp(result, started, startedNanos));
                }

                @Override
                public Duration defaultTimeout() {
                    return async.defaultTimeout();
                }
            };
        }
        return () -> {
            Instant started = clock.instant();
            long startedNanos = System.nanoTime();
            return stamp(check.check(), started, startedNanos);
        };
    }

    private static HealthResult stamp(HealthResult result, Instant started, long startedNanos) {
        // A check that measured itself (an HTTP response time) keeps its own duration.
        Duration took = result.duration().isZero() ? Duration.ofNanos(System.nanoTime() - startedNanos)
                : result.duration();
        return result.timed(started, took);
    }
}
