package io.orbitr.docker.stream;

import io.orbitr.stream.LogStream;
import java.time.Instant;

/** Where decoded lines go, and the moment to hand over what has been collected. */
interface LineSink {

    /**
     * @param stream    stdout or stderr
     * @param timestamp the engine's timestamp of the entry the line started in, or the read time
     * @param text      the line, without its terminator
     */
    void line(LogStream stream, Instant timestamp, String text);

    /** The decoder has used every byte it has and its next read may wait: hand over the lines collected so far. */
    void idle();
}
