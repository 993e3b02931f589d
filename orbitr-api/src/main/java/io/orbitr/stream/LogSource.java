package io.orbitr.stream;

/**
 * A log that can be opened, read and reopened: a container's log (the engine provides it through
 * {@link io.orbitr.engine.EngineStreams#logs(String)}) or a supervised process's output. The stream hub shares one
 * open stream per {@link #key()} among all its subscribers, and reopens it with {@link LogQuery#since()} after a
 * break, so a source that honours {@code since} with its own timestamps lets the hub resume without duplicates or
 * gaps.
 *
 * <p>Implementations deliver complete lines (frames and partial writes reassembled, line terminators removed),
 * each with its stream and timestamp; the line ids they give only need to grow within one open stream.
 */
public interface LogSource {

    /** @return what identifies the log, the same for every source object of one log (for example an engine id) */
    String key();

    /** @return how messages name it, for example {@code container web-1} */
    String name();

    /**
     * Opens the log. Returns at once; the source reads on its own thread and calls the sink.
     *
     * @param query what to read
     * @param sink  where the lines and the end go
     * @return the handle that closes the stream
     */
    SourceHandle open(LogQuery query, SourceSink<LogLine> sink);
}
