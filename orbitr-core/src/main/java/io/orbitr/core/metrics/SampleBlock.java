package io.orbitr.core.metrics;

import io.orbitr.OrbitrException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The samples of one series within one minute, stored as one row: a block of (offset from the block's start in ms
 * as an int, value as a double) pairs, 12 bytes a sample, sorted by time. One row per series and minute instead of
 * one per sample is what makes ingest cheap: the database's cost is per row and per index entry, not per byte.
 * Not thread-safe; used while one ingest or one query runs.
 */
final class SampleBlock {
    /** The most samples one block holds; a busier minute is split into several blocks. */
    static final int MAX_SAMPLES = 4096;
    private static final int BYTES_PER_SAMPLE = 12;

    private long[] times = new long[8];
    private double[] values = new double[8];
    private int size;
    private boolean sorted = true;

    void add(long epochMillis, double value) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        if (size > 0 && epochMillis < times[size - 1]) {
            sorted = false;
        }
        times[size] = epochMillis;
        values[size] = value;
        size++;
    }

    int size() {
        return size;
    }

    long time(int i) {
        return times[i];
    }

    double value(int i) {
        return values[i];
    }

    /** Sorts by time, keeping the order of equal times (an insertion sort: blocks arrive almost sorted). */
    void sort() {
        if (sorted) {
            return;
        }
        for (int i = 1; i < size; i++) {
            long t = times[i];
            double v = values[i];
            int j = i - 1;
            while (j >= 0 && times[j] > t) {
                times[j + 1] = times[j];
                values[j + 1] = values[j];
                j--;
            }
            times[j + 1] = t;
            values[j + 1] = v;
        }
        sorted = true;
    }

    /**
     * @param from the first sample, after {@link #sort()}
     * @param to   after the last sample
     * @return the samples' bytes, offsets from {@code time(from)}
     */
    byte[] encode(int from, int to) {
        ByteBuffer out = ByteBuffer.allocate((to - from) * BYTES_PER_SAMPLE);
        long start = times[from];
        for (int i = from; i < to; i++) {
            out.putInt((int) (times[i] - start));
            out.putDouble(values[i]);
        }
        return out.array();
    }

    /**
     * Adds a stored block's samples.
     *
     * @param start the block's start
     * @param bytes its samples
     */
    void decode(long start, byte[] bytes) {
        if (bytes.length % BYTES_PER_SAMPLE != 0) {
            throw new OrbitrException("a time-series block of " + bytes.length + " bytes is damaged: not a multiple of "
                    + BYTES_PER_SAMPLE);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        while (in.hasRemaining()) {
            add(start + in.getInt(), in.getDouble());
        }
    }
}
