package io.orbitr.docker.stream;

import io.orbitr.stream.SourceHandle;
import io.orbitr.stream.SourceSink;
import io.orbitr.stream.StatsSample;
import io.orbitr.stream.StatsSource;
import java.util.Objects;

/** A container's stats, opened through the engine's stream client. */
final class DockerStatsSource extends ContainerSource implements StatsSource {

    DockerStatsSource(DockerEngineStreams streams, ContainerState container) {
        super(streams, container);
    }

    @Override
    public SourceHandle open(SourceSink<StatsSample> sink) {
        Objects.requireNonNull(sink, "sink");
        return streams.start(new StatsStreamTask(streams, container, sink));
    }
}
