package io.orbitr.docker.stream;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;
import io.orbitr.OrbitrException;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogQuery;
import io.orbitr.stream.SourceEnd;
import io.orbitr.stream.SourceHandle;
import io.orbitr.stream.SourceSink;
import java.io.IOException;
import java.util.Optional;

/**
 * One open service log, read on a thread of its own. A followed log that ends while the service still exists, or
 * whose connection breaks, ends {@code BROKEN} so that the hub resumes it; a removed service's log ends
 * {@code GONE}.
 */
final class ServiceLogTask implements Runnable, SourceHandle {
    private final DockerEngineStreams streams;
    private final String serviceId;
    private final String label;
    private final LogQuery query;
    private final SourceSink<LogLine> sink;
    private volatile DockerHttpClient.Response response;
    private volatile boolean closed;

    ServiceLogTask(DockerEngineStreams streams, String serviceId, String serviceName, LogQuery query,
            SourceSink<LogLine> sink) {
        this.streams = streams;
        this.serviceId = serviceId;
        this.label = "service " + serviceName;
        this.query = query;
        this.sink = sink;
    }

    @Override
    public void run() {
        SourceEnd end;
        try {
            end = stream();
        } catch (RuntimeException e) {
            end = closed ? null : SourceEnd.of(SourceEnd.Kind.FAILED, label + ": " + e.getMessage(), e);
        } finally {
            release();
            streams.finishedService(this);
        }
        if (end != null && !closed) {
            sink.onEnd(end);
        }
    }

    private SourceEnd stream() {
        DockerHttpClient.Response answer;
        try {
            answer = streams.reader().sendService(serviceId, query);
        } catch (RuntimeException e) {
            return closed ? null : broken(e);
        }
        response = answer;
        if (closed) {
            return null;
        }
        int status = answer.getStatusCode();
        if (status == 404) {
            return gone();
        }
        if (status != 200) {
            String message = LogReader.errorMessage(answer);
            SourceEnd.Kind kind = status >= 500 && status != 501 && status != 503 ? SourceEnd.Kind.BROKEN
                    : SourceEnd.Kind.FAILED;
            return SourceEnd.of(kind, "the engine refused to read the log of " + label + ": " + message);
        }
        sink.onOpen();
        LineBatcher batcher = new LineBatcher(sink::onItems, Optional.of(streams.timer()));
        LogDecoder decoder = streams.reader().serviceDecoder(answer, query.timestamps(), batcher);
        try {
            decoder.readToEnd();
        } catch (IOException | RuntimeException e) {
            if (closed) {
                return null;
            }
            decoder.discardPartials();
            batcher.flush();
            return broken(e);
        }
        decoder.flushPartials();
        batcher.flush();
        if (!query.follow()) {
            return SourceEnd.of(SourceEnd.Kind.FINISHED, "read the log of " + label);
        }
        if (closed) {
            return null;
        }
        try {
            streams.requestClient().inspectServiceCmd(serviceId).exec();
        } catch (NotFoundException e) {
            return gone();
        } catch (RuntimeException e) {
            return broken(e);
        }
        return SourceEnd.of(SourceEnd.Kind.BROKEN, "the log of " + label + " ended while the service exists");
    }

    private SourceEnd broken(Throwable error) {
        OrbitrException translated = StreamErrors.translate(streams.settings(), "read the log of " + label, error);
        return SourceEnd.of(SourceEnd.Kind.BROKEN, translated.getMessage(), error);
    }

    private SourceEnd gone() {
        return SourceEnd.of(SourceEnd.Kind.GONE, label + " was removed");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    private void release() {
        DockerHttpClient.Response open = response;
        if (open != null) {
            open.close();
        }
    }
}
