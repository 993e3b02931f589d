package io.orbitr.docker.stream;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Statistics;
import io.orbitr.stream.SourceEnd;
import io.orbitr.stream.SourceSink;
import io.orbitr.stream.StatsSample;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open stream of a container's stats. The engine sends a sample a second; for a container that stops it goes
 * on sending empty samples (and a stats call on a stopped container can hang), so the container is checked before
 * the call, an empty sample ends the stream, and a stream that goes quiet is given up and reported broken.
 */
final class StatsStreamTask extends StreamTask<StatsSample> {
    private static final Logger log = LoggerFactory.getLogger(StatsStreamTask.class);
    /** The engine samples every second: this long without one means the stream is stuck. */
    static final Duration QUIET_LIMIT = Duration.ofSeconds(10);

    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile ResultCallback.Adapter<Statistics> callback;
    private volatile long lastSampleNanos;

    StatsStreamTask(DockerEngineStreams streams, ContainerState container, SourceSink<StatsSample> sink) {
        super(streams, container, sink);
    }

    @Override
    SourceEnd stream() {
        Probe probe = probe();
        if (probe.end() != null) {
            return probe.end();
        }
        ContainerState before = probe.state();
        if (!before.running()) {
            return before.restarting() ? SourceEnd.of(SourceEnd.Kind.BROKEN, container.label() + " is restarting")
                    : SourceEnd.of(SourceEnd.Kind.STOPPED, before.stopReason());
        }
        lastSampleNanos = System.nanoTime();
        Samples samples = new Samples();
        callback = samples;
        try {
            streams.streamClient().statsCmd(container.id()).exec(samples);
        } catch (RuntimeException e) {
            return closed() ? null : connectionLost("read the stats of " + container.label(), e);
        }
        if (closed()) {
            return null;
        }
        boolean quiet = awaitEnd();
        if (closed()) {
            return null;
        }
        release();
        Throwable error = failure.get();
        if (error instanceof NotFoundException) {
            return gone();
        }
        if (error != null && StreamErrors.isConnectionFailure(error)) {
            return connectionLost("read the stats of " + container.label(), error);
        }
        if (quiet) {
            return SourceEnd.of(SourceEnd.Kind.BROKEN, "the stats of " + container.label() + " went quiet for "
                    + QUIET_LIMIT.toSeconds() + " s");
        }
        return afterOutputEnded(before);
    }

    @Override
    void release() {
        ResultCallback.Adapter<Statistics> open = callback;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                log.debug("closing the stats stream of {} failed", container.label(), e);
            }
        }
    }

    /** @return true when the stream went quiet, false when it ended or the handle was closed */
    private boolean awaitEnd() {
        try {
            while (!closed()) {
                if (ended.await(1, TimeUnit.SECONDS)) {
                    return false;
                }
                if (System.nanoTime() - lastSampleNanos > QUIET_LIMIT.toNanos()) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** docker-java's callback: runs on docker-java's own thread. */
    private final class Samples extends ResultCallback.Adapter<Statistics> {
        private boolean opened;

        @Override
        public void onStart(Closeable stream) {
            super.onStart(stream);
            // docker-java starts the call on its own thread: a close that came first must still reach the stream.
            if (closed()) {
                release();
            }
        }

        @Override
        public void onNext(Statistics statistics) {
            if (closed() || ended.getCount() == 0) {
                return;
            }
            if (!StatsCalculator.isLive(statistics)) {
                // The container stopped: the engine would go on sending empty samples.
                ended.countDown();
                return;
            }
            lastSampleNanos = System.nanoTime();
            if (!StatsCalculator.hasPreviousRead(statistics)) {
                // The stream's first answer has nothing to compute CPU against: skip it rather than report 0 %;
                // the engine sends the next, with the previous read, a second later.
                return;
            }
            if (!opened) {
                opened = true;
                sink.onOpen();
            }
            sink.onItems(List.of(StatsCalculator.sample(statistics, streams.clock().instant())));
        }

        @Override
        public void onError(Throwable error) {
            failure.compareAndSet(null, error);
            ended.countDown();
        }

        @Override
        public void onComplete() {
            ended.countDown();
        }
    }
}
