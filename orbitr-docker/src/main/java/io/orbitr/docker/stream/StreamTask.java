package io.orbitr.docker.stream;

import io.orbitr.OrbitrException;
import io.orbitr.stream.SourceEnd;
import io.orbitr.stream.SourceHandle;
import io.orbitr.stream.SourceSink;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open container stream, run on a thread of its own: streams until the engine ends it, then tells the sink
 * why. What the end means is decided here, because the engine ends a followed stream the same way whether the
 * container stopped for good, is being restarted, or was removed.
 *
 * @param <T> the item type
 */
abstract class StreamTask<T> implements Runnable, SourceHandle {
    private static final Logger log = LoggerFactory.getLogger(StreamTask.class);

    final DockerEngineStreams streams;
    final ContainerState container;
    final SourceSink<T> sink;
    private final CountDownLatch closedSignal = new CountDownLatch(1);
    private volatile boolean closed;

    StreamTask(DockerEngineStreams streams, ContainerState container, SourceSink<T> sink) {
        this.streams = streams;
        this.container = container;
        this.sink = sink;
    }

    /**
     * Streams until the end.
     *
     * @return why it ended, or null when it ended because the handle was closed
     */
    abstract SourceEnd stream();

    /** Releases the connection, from any thread, so that a blocked read returns. */
    abstract void release();

    @Override
    public final void run() {
        SourceEnd end;
        try {
            end = stream();
        } catch (RuntimeException e) {
            end = closed ? null : SourceEnd.of(SourceEnd.Kind.FAILED, container.label() + ": " + e.getMessage(), e);
            if (end != null) {
                log.warn("the stream of {} failed", container.label(), e);
            }
        } finally {
            release();
            streams.finished(this);
        }
        if (end != null && !closed) {
            sink.onEnd(end);
        }
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            closedSignal.countDown();
            release();
        }
    }

    /** @return whether the handle was closed */
    final boolean closed() {
        return closed;
    }

    /**
     * Probes the container before a stream opens: a stream is opened only for a container that exists.
     *
     * @return its state, or an end when it is gone or the engine does not answer
     */
    final Probe probe() {
        try {
            Optional<ContainerState> state = streams.probe().find(container.id());
            return state.map(Probe::found).orElseGet(() -> Probe.ended(gone()));
        } catch (OrbitrException e) {
            return Probe.ended(SourceEnd.of(SourceEnd.Kind.BROKEN, e.getMessage(), e));
        }
    }

    /**
     * The engine ended a followed stream. The container stopped, is restarting, was removed, or the engine went
     * away: find out which.
     *
     * @param before the container's state when the stream opened
     * @return why the stream ended; null when the handle was closed meanwhile
     */
    final SourceEnd afterOutputEnded(ContainerState before) {
        Probe now = probe();
        if (now.end() != null) {
            return now.end();
        }
        if (restarted(before, now.state())) {
            return restarting();
        }
        if (before.live()) {
            // It ran when the stream opened and is stopped now. A restart (docker restart, or a stop and a start)
            // begins with the same stop: wait briefly before calling it final.
            if (awaitClosed(streams.stopGrace().toMillis())) {
                return null;
            }
            now = probe();
            if (now.end() != null) {
                return now.end();
            }
            if (restarted(before, now.state())) {
                return restarting();
            }
        }
        return SourceEnd.of(SourceEnd.Kind.STOPPED, now.state().stopReason());
    }

    /** @return the end for a stream broken by a connection failure */
    final SourceEnd connectionLost(String what, Throwable error) {
        return SourceEnd.of(SourceEnd.Kind.BROKEN, StreamErrors.translate(streams.settings(), what, error).getMessage(),
                error);
    }

    final SourceEnd gone() {
        return SourceEnd.of(SourceEnd.Kind.GONE, container.label() + " was removed");
    }

    private SourceEnd restarting() {
        return SourceEnd.of(SourceEnd.Kind.BROKEN, container.label() + " restarted");
    }

    private static boolean restarted(ContainerState before, ContainerState now) {
        return now.live() || !now.startedAt().equals(before.startedAt());
    }

    private boolean awaitClosed(long millis) {
        try {
            return closedSignal.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * A container's state, or why there is none.
     *
     * @param state the state, when found
     * @param end   why there is none: gone, or the engine does not answer
     */
    record Probe(ContainerState state, SourceEnd end) {
        static Probe found(ContainerState state) {
            return new Probe(state, null);
        }

        static Probe ended(SourceEnd end) {
            return new Probe(null, end);
        }
    }
}
