package io.orbitr.core.health;

import io.orbitr.health.MonitorMetrics;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts checks and keeps a histogram of how late each started against its due time: 1 ms buckets up to 1 s,
 * 100 ms buckets up to 60 s, then one overflow bucket. Lock-free; thread-safe.
 */
final class CheckMetrics {
    /** A start within this many milliseconds of its due time is on time. */
    static final long ON_TIME_MILLIS = 100;
    private static final int FINE = 1_000;
    private static final int COARSE = 590;

    private final AtomicLongArray buckets = new AtomicLongArray(FINE + COARSE + 1);
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong onTime = new AtomicLong();
    private final AtomicLong maxLateness = new AtomicLong();

    void started(long latenessMillis) {
        long late = Math.max(0, latenessMillis);
        started.incrementAndGet();
        if (late <= ON_TIME_MILLIS) {
            onTime.incrementAndGet();
        }
        buckets.incrementAndGet(bucket(late));
        maxLateness.accumulateAndGet(late, Math::max);
    }

    void completed() {
        completed.incrementAndGet();
    }

    void timedOut() {
        timeouts.incrementAndGet();
    }

    void reset() {
        for (int i = 0; i < buckets.length(); i++) {
            buckets.set(i, 0);
        }
        started.set(0);
        completed.set(0);
        timeouts.set(0);
        onTime.set(0);
        maxLateness.set(0);
    }

    MonitorMetrics snapshot(int targets, long stored, long dropped, long pending) {
        long count = started.get();
        return new MonitorMetrics(targets, count, completed.get(), timeouts.get(), stored, dropped, pending,
                percentile(0.50), percentile(0.99), maxLateness.get(),
                count == 0 ? 1.0 : Math.min(1.0, (double) onTime.get() / count));
    }

    private long percentile(double share) {
        long total = 0;
        for (int i = 0; i < buckets.length(); i++) {
            total += buckets.get(i);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(share * total);
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return maxLateness.get();
    }

    private static int bucket(long late) {
        if (late < FINE) {
            return (int) late;
        }
        return (int) Math.min(FINE + (late - FINE) / 100, FINE + COARSE);
    }

    private long upperBound(int bucket) {
        if (bucket < FINE) {
            return bucket;
        }
        return bucket == FINE + COARSE ? maxLateness.get() : FINE + (long) (bucket - FINE + 1) * 100;
    }
}
