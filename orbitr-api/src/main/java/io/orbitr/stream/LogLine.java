package io.orbitr.stream;

import java.time.Instant;
import java.util.Objects;

/**
 * One complete line of output, without its line terminator.
 *
 * @param id        the line's number in its stream: the stream hub numbers the lines of a shared stream 1, 2, 3...
 *                  in order, the same for every subscriber, so a gap or a repeat is visible; a stream opened anew
 *                  (after its last subscriber left) numbers from 1 again
 * @param timestamp when the line was written (the engine's timestamp for containers, the read time for processes)
 * @param stream    stdout or stderr
 * @param text      the line's text
 */
public record LogLine(long id, Instant timestamp, LogStream stream, String text) {

    /** Refuses nulls. */
    public LogLine {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(text, "text");
    }

    /**
     * @param newId the id to give
     * @return this line with another id (a hub numbers the lines of a source its own way)
     */
    public LogLine withId(long newId) {
        return new LogLine(newId, timestamp, stream, text);
    }
}
