package io.orbitr.docker.stream;

import com.github.dockerjava.transport.DockerHttpClient;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogQuery;
import io.orbitr.stream.SourceEnd;
import io.orbitr.stream.SourceSink;
import java.io.IOException;
import java.util.Optional;

/** One open read of a container's log. */
final class LogStreamTask extends StreamTask<LogLine> {
    private final LogQuery query;
    private volatile DockerHttpClient.Response response;

    LogStreamTask(DockerEngineStreams streams, ContainerState container, LogQuery query, SourceSink<LogLine> sink) {
        super(streams, container, sink);
        this.query = query;
    }

    @Override
    SourceEnd stream() {
        ContainerState before = container;
        if (query.follow()) {
            Probe probe = probe();
            if (probe.end() != null) {
                return probe.end();
            }
            before = probe.state();
        }
        DockerHttpClient.Response answer;
        try {
            answer = streams.reader().send(container, query);
        } catch (RuntimeException e) {
            return closed() ? null : connectionLost("read the log of " + container.label(), e);
        }
        response = answer;
        if (closed()) {
            return null;
        }
        int status = answer.getStatusCode();
        if (status != 200) {
            return endForStatus(status, LogReader.errorMessage(answer));
        }
        sink.onOpen();
        LineBatcher batcher = new LineBatcher(sink::onItems, Optional.of(streams.timer()));
        LogDecoder decoder = streams.reader().decoder(answer, container, query, batcher);
        try {
            decoder.readToEnd();
        } catch (IOException | RuntimeException e) {
            if (closed()) {
                return null;
            }
            // The rest of an unfinished line comes again, whole, when the stream resumes.
            decoder.discardPartials();
            batcher.flush();
            return connectionLost("read the log of " + container.label(), e);
        }
        if (!query.follow()) {
            // A line still being written is not a line yet; once the container has stopped, it is.
            if (decoder.hasPartials() && !stillRunning()) {
                decoder.flushPartials();
            }
            batcher.flush();
            return SourceEnd.of(SourceEnd.Kind.FINISHED, "read the log of " + container.label());
        }
        batcher.flush();
        SourceEnd end = afterOutputEnded(before);
        if (end == null) {
            return null;
        }
        if (end.cause().isEmpty()) {
            // The writer ended (stopped, restarted, removed): its unfinished line is its last line.
            decoder.flushPartials();
            batcher.flush();
        }
        return end;
    }

    @Override
    void release() {
        DockerHttpClient.Response open = response;
        if (open != null) {
            open.close();
        }
    }

    private boolean stillRunning() {
        Probe probe = probe();
        return probe.state() != null && probe.state().running();
    }

    private SourceEnd endForStatus(int status, String message) {
        if (status == 404) {
            return gone();
        }
        // The engine refuses the logs of a container being removed or dead (409): say what became of it.
        Probe probe = probe();
        if (probe.end() != null && probe.end().kind() == SourceEnd.Kind.GONE) {
            return probe.end();
        }
        if (probe.state() != null && probe.state().status().equals("removing")) {
            return gone();
        }
        if (probe.state() != null && probe.state().status().equals("dead")) {
            return SourceEnd.of(SourceEnd.Kind.STOPPED, probe.state().stopReason());
        }
        String reason = "the engine refused to read the log of " + container.label() + ": " + message;
        // 5xx other than "not implemented" (a log driver that cannot be read) may pass: an engine shutting down.
        SourceEnd.Kind kind = status >= 500 && status != 501 ? SourceEnd.Kind.BROKEN : SourceEnd.Kind.FAILED;
        return SourceEnd.of(kind, reason);
    }
}
