package io.orbitr.stream;

import java.util.List;

/**
 * Receives what a {@link LogSource} or {@link StatsSource} produces. A source calls one sink from one thread at a
 * time: {@link #onOpen()} at most once, then {@link #onItems(List)} any number of times, then {@link #onEnd(SourceEnd)}
 * exactly once (unless the handle was closed first). A sink may be slow; a source accepts that it is slowed down
 * (the stream hub's sinks never block).
 *
 * @param <T> {@link LogLine} or {@link StatsSample}
 */
public interface SourceSink<T> {

    /** The source is connected and delivering: called once, before the first item, when the open succeeded. */
    default void onOpen() {
    }

    /**
     * Items in the order the source produced them. Sources hand over what they have read in one go, so that a
     * consumer can publish a batch at once; the list is not kept by the source and may be kept by the sink.
     *
     * @param items one or more items
     */
    void onItems(List<T> items);

    /**
     * The stream ended; why, and whether reopening may help.
     *
     * @param end the reason
     */
    void onEnd(SourceEnd end);
}
