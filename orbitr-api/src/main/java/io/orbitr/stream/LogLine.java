package io.orbitr.stream;

import java.time.Instant;
import java.util.Objects;

/**
 * One complete line of output, without its line terminator.
 *
 * @param id        a number that grows with every line of one source, used to resume without duplicates
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
