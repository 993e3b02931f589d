package io.orbitr.docker.stream;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Keeps a log reader that has caught up with the engine from being woken once per line. The engine writes and
 * flushes every log entry on its own, so a reader blocked in its read wakes for each line: over a million lines that
 * cost the reader 2.3 ms of CPU per 1,000 lines and the engine 7.0. Once a read has waited for the engine, the next
 * read that would wait first pauses {@link #PAUSE_NANOS}, so that the entries written meanwhile are read at once:
 * 1.4 and 6.0 ms per 1,000 lines, and the read as a whole about 30 % faster ({@code orbitr bench logs}). A line waits
 * at most that long more, far below the batcher's {@link LineBatcher#LINGER}. A longer pause (1 ms) was tried and
 * read slower, most likely because the engine's socket fills meanwhile and the engine waits. Not thread-safe: one per
 * decoder.
 */
final class ReadPacing {
    /** How long a caught-up reader pauses before a read that would wait. */
    static final long PAUSE_NANOS = 250_000;
    /** A read that took longer than this waited for the engine; reading bytes already there takes microseconds. */
    static final long WAITED_NANOS = 50_000;

    private final LongSupplier nanoTime;
    private final LongConsumer pause;
    private boolean caughtUp;

    /**
     * @param nanoTime the time source reads are timed with
     * @param pause    pauses for the given nanoseconds
     */
    ReadPacing(LongSupplier nanoTime, LongConsumer pause) {
        this.nanoTime = nanoTime;
        this.pause = pause;
    }

    /** @return pacing on the system's time, pausing the reading thread */
    static ReadPacing system() {
        return new ReadPacing(System::nanoTime, LockSupport::parkNanos);
    }

    /**
     * Called before a read that may wait (nothing is buffered): pauses once if the read before it waited.
     */
    void beforeWaitingRead() {
        if (caughtUp) {
            caughtUp = false;
            pause.accept(PAUSE_NANOS);
        }
    }

    /** @return the moment a read starts, for {@link #readEnded(long)} */
    long readStarting() {
        return nanoTime.getAsLong();
    }

    /** @param started what {@link #readStarting()} returned for this read */
    void readEnded(long started) {
        caughtUp = nanoTime.getAsLong() - started > WAITED_NANOS;
    }
}
