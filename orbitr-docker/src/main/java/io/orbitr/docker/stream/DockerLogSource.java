package io.orbitr.docker.stream;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogQuery;
import io.orbitr.stream.LogSource;
import io.orbitr.stream.SourceHandle;
import io.orbitr.stream.SourceSink;
import java.util.Objects;

/** A container's log, opened through the engine's stream client. */
final class DockerLogSource extends ContainerSource implements LogSource {

    DockerLogSource(DockerEngineStreams streams, ContainerState container) {
        super(streams, container);
    }

    @Override
    public SourceHandle open(LogQuery query, SourceSink<LogLine> sink) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(sink, "sink");
        return streams.start(new LogStreamTask(streams, container, query, sink));
    }
}
