package io.orbitr.stream;

/**
 * Resource-usage samples that can be opened and reopened: a container's stats (through
 * {@link io.orbitr.engine.EngineStreams#stats(String)}) or a supervised process's. A source delivers about one
 * sample per second while its producer runs, and ends when the producer stops.
 */
public interface StatsSource {

    /** @return what identifies the producer, the same for every source object of one producer */
    String key();

    /** @return how messages name it, for example {@code container web-1} */
    String name();

    /**
     * Opens the samples. Returns at once; the source reads on its own thread and calls the sink.
     *
     * @param sink where the samples and the end go
     * @return the handle that closes the stream
     */
    SourceHandle open(SourceSink<StatsSample> sink);
}
