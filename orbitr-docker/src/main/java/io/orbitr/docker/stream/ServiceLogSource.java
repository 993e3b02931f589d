package io.orbitr.docker.stream;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogQuery;
import io.orbitr.stream.LogSource;
import io.orbitr.stream.SourceHandle;
import io.orbitr.stream.SourceSink;
import java.util.Objects;

/**
 * The merged log of a swarm service's tasks, as {@code docker service logs} shows it. Keyed by the endpoint and the
 * service's id ({@code edge/service/k3x...}), so that subscribers on one endpoint share one stream.
 */
final class ServiceLogSource implements LogSource {
    private final DockerEngineStreams streams;
    private final String serviceId;
    private final String serviceName;

    ServiceLogSource(DockerEngineStreams streams, String serviceId, String serviceName) {
        this.streams = streams;
        this.serviceId = serviceId;
        this.serviceName = serviceName;
    }

    @Override
    public String key() {
        return streams.settings().name() + "/service/" + serviceId;
    }

    @Override
    public String name() {
        return "service " + serviceName;
    }

    @Override
    public SourceHandle open(LogQuery query, SourceSink<LogLine> sink) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(sink, "sink");
        return streams.startService(new ServiceLogTask(streams, serviceId, serviceName, query, sink));
    }
}
