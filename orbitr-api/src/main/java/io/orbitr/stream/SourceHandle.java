package io.orbitr.stream;

/** An open source stream, as its opener holds it: closing it stops the source and releases its connection. */
public interface SourceHandle extends AutoCloseable {

    /**
     * Stops the stream; idempotent, never blocks on the source's reader and never throws. After it returns the
     * sink may still receive calls already under way, but no {@link SourceSink#onEnd(SourceEnd)} is owed.
     */
    @Override
    void close();
}
