package io.orbitr.engine.swarm;

import io.orbitr.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * How a service's tasks are replaced when its spec changes (a rolling update): how many at once, the pause between
 * batches, what to do when a new task fails, and whether the new task starts before the old one stops.
 *
 * @param parallelism   tasks replaced at once; 0 replaces all at once
 * @param delay         the pause between two batches
 * @param failureAction what the update does when a new task fails
 * @param order         stop the old task first, or start the new one first
 * @param monitor       how long a new task is watched for failure after it starts
 */
public record UpdatePolicy(int parallelism, Duration delay, FailureAction failureAction, Order order,
        Duration monitor) {

    /** Docker's defaults: one task at a time, no delay, pause on failure, stop first, 5 s of monitoring. */
    public static final UpdatePolicy DEFAULT = new UpdatePolicy(1, Duration.ZERO, FailureAction.PAUSE,
            Order.STOP_FIRST, Duration.ofSeconds(5));

    /** Validates the policy. */
    public UpdatePolicy {
        if (parallelism < 0) {
            throw new InvalidValueException("update parallelism", parallelism, "must be 0 (all at once) or more");
        }
        requireNotNegative("update delay", delay);
        Objects.requireNonNull(failureAction, "failureAction");
        Objects.requireNonNull(order, "order");
        requireNotNegative("update monitor", monitor);
    }

    /**
     * @param value tasks replaced at once
     * @return a copy with that parallelism
     */
    public UpdatePolicy withParallelism(int value) {
        return new UpdatePolicy(value, delay, failureAction, order, monitor);
    }

    /**
     * @param value the pause between two batches
     * @return a copy with that delay
     */
    public UpdatePolicy withDelay(Duration value) {
        return new UpdatePolicy(parallelism, value, failureAction, order, monitor);
    }

    /**
     * @param value what to do when a new task fails
     * @return a copy with that action
     */
    public UpdatePolicy withFailureAction(FailureAction value) {
        return new UpdatePolicy(parallelism, delay, value, order, monitor);
    }

    /**
     * @param value stop first or start first
     * @return a copy with that order
     */
    public UpdatePolicy withOrder(Order value) {
        return new UpdatePolicy(parallelism, delay, failureAction, value, monitor);
    }

    /**
     * @param value how long a new task is watched
     * @return a copy with that monitoring period
     */
    public UpdatePolicy withMonitor(Duration value) {
        return new UpdatePolicy(parallelism, delay, failureAction, order, value);
    }

    private static void requireNotNegative(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new InvalidValueException(field, value, "must not be negative");
        }
    }

    /** What a rolling update does when a new task fails. */
    public enum FailureAction {
        /** Stops the update where it is. */
        PAUSE,
        /** Goes on with the next batch. */
        CONTINUE,
        /** Goes back to the previous spec. */
        ROLLBACK
    }

    /** Which happens first when one task replaces another. */
    public enum Order {
        /** The old task stops, then the new one starts (the default; never two at once). */
        STOP_FIRST,
        /** The new task starts, then the old one stops (no gap; briefly both). */
        START_FIRST
    }
}
