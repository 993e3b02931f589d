package io.orbitr.jdclient.metrics;

import io.orbitr.InvalidValueException;

/**
 * Aggregates of a metric's values over a range or a bucket.
 *
 * @param count how many samples
 * @param sum   their sum
 * @param min   the smallest
 * @param max   the largest
 */
public record Summary(long count, double sum, double min, double max) {

    /** Refuses an empty summary: absent data is an empty {@link java.util.Optional}, never a count of 0. */
    public Summary {
        if (count < 1) {
            throw new InvalidValueException("count", count, "must be 1 or more");
        }
    }

    /** @return the mean */
    public double avg() {
        return sum / count;
    }

    /**
     * @param other another summary
     * @return the summary of both
     */
    public Summary plus(Summary other) {
        return new Summary(count + other.count, sum + other.sum, Math.min(min, other.min), Math.max(max, other.max));
    }
}
