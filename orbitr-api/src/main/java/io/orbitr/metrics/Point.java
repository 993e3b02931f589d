package io.orbitr.metrics;

import io.orbitr.InvalidValueException;
import java.time.Instant;
import java.util.Objects;

/**
 * The aggregates of a series over one bucket or range: a raw sample is a point of count 1.
 *
 * @param time  the bucket's start (UTC-aligned; a bucket cut by a range's edge covers only the part inside), the
 *              sample's time for a raw point, or a range's start for a summary
 * @param count how many samples, 1 or more
 * @param sum   their sum
 * @param min   the smallest
 * @param max   the largest
 */
public record Point(Instant time, long count, double sum, double min, double max) {

    /** Refuses an empty point: absent data is no point at all, never a count of 0. */
    public Point {
        Objects.requireNonNull(time, "time");
        if (count < 1) {
            throw new InvalidValueException("count", count, "must be 1 or more");
        }
    }

    /**
     * @param time  when
     * @param value the sample's value
     * @return the point of one sample
     */
    public static Point of(Instant time, double value) {
        return new Point(time, 1, value, value, value);
    }

    /** @return the mean */
    public double avg() {
        return sum / count;
    }

    /**
     * @param other another point of the same series
     * @return the aggregates of both, at this point's time
     */
    public Point plus(Point other) {
        return new Point(time, count + other.count, sum + other.sum, Math.min(min, other.min),
                Math.max(max, other.max));
    }
}
