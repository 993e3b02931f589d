package io.orbitr.core.metrics;

/**
 * Count, sum, min and max of one bucket while a batch is aggregated; for a minute, also its samples. Mutable and
 * confined to the one thread that aggregates (an ingest, a legacy adoption or a query), never shared.
 */
final class Accumulator {
    private final SampleBlock block;
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** @param keepSamples whether to keep the samples themselves (a minute, written as a block), not only sums */
    Accumulator(boolean keepSamples) {
        this.block = keepSamples ? new SampleBlock() : null;
    }

    void add(long epochMillis, double value) {
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (block != null) {
            block.add(epochMillis, value);
        }
    }

    void add(Accumulator other) {
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /** @return the samples added, for an accumulator made to keep them; {@code null} otherwise */
    SampleBlock block() {
        return block;
    }

    long count() {
        return count;
    }

    double sum() {
        return sum;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }
}
