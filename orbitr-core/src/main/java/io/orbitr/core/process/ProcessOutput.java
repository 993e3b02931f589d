package io.orbitr.core.process;

import io.orbitr.process.ProcessSpec;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogStream;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one named process has printed, across its restarts: each line gets the next id and a timestamp, goes
 * into the ring of recent lines, into the rotating log file when the spec names one, and to every follower's
 * queue. The readers that call {@link #append} never wait for a follower. Thread-safe.
 */
final class ProcessOutput {
    private static final Logger log = LoggerFactory.getLogger(ProcessOutput.class);

    private final String name;
    private final Clock clock;
    private final Executor delivery;
    private final int followerCapacity;
    private final LogRing ring;
    private final List<LogFollower> followers = new ArrayList<>();
    private RotatingLogFile file;
    private long nextId = 1;
    private boolean closed;

    /**
     * @param delivery         runs the followers' deliveries
     * @param followerCapacity the default bound on a follower's queue
     */
    ProcessOutput(ProcessSpec spec, Clock clock, Executor delivery, int followerCapacity) {
        this.name = spec.name();
        this.clock = clock;
        this.delivery = delivery;
        this.followerCapacity = followerCapacity;
        this.ring = new LogRing(spec.logBufferLines());
        configure(spec);
    }

    /** Adopts a new spec's buffer size and log file; the lines so far stay. */
    synchronized void configure(ProcessSpec spec) {
        ring.resize(spec.logBufferLines());
        Path wanted = spec.logFile().map(Path::toAbsolutePath).orElse(null);
        if (file != null && file.path().equals(wanted) && file.rotation().equals(spec.logRotation())) {
            return;
        }
        closeFile();
        if (wanted != null) {
            try {
                file = new RotatingLogFile(wanted, spec.logRotation());
            } catch (IOException e) {
                log.warn("{}: cannot open log file {}: {}; its output is kept in memory only", name, wanted,
                        e.toString());
            }
        }
    }

    /** Records one line the process printed. */
    synchronized void append(LogStream stream, String text) {
        LogLine line = new LogLine(nextId++, clock.instant(), stream, text);
        ring.add(line);
        if (file != null) {
            try {
                file.write(text);
            } catch (IOException e) {
                abandonFile(e);
            }
        }
        for (LogFollower follower : followers) {
            follower.offer(line);
        }
    }

    /** Pushes the lines written so far to the log file. */
    synchronized void flush() {
        if (file != null) {
            try {
                file.flush();
            } catch (IOException e) {
                abandonFile(e);
            }
        }
    }

    synchronized List<LogLine> tail(int lines) {
        return ring.last(lines);
    }

    /**
     * Subscribes a follower: the last {@code replay} lines, then every new one, with no gap and no duplicate
     * between the two.
     */
    Subscription follow(int replay, StreamSubscriber<LogLine> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        int bounded = Math.max(0, replay);
        LogFollower[] self = new LogFollower[1];
        LogFollower follower = new LogFollower(name, subscriber, delivery, Math.max(followerCapacity, bounded),
                () -> unregister(self[0]));
        self[0] = follower;
        subscriber.onSubscribe(follower);
        synchronized (this) {
            if (follower.isCancelled()) {
                return follower;
            }
            ring.last(bounded).forEach(follower::offer);
            if (closed) {
                follower.complete(name + " was removed");
            } else {
                followers.add(follower);
            }
        }
        return follower;
    }

    /** Ends every follower's stream with that reason and closes the log file. */
    synchronized void close(String reason) {
        closed = true;
        followers.forEach(follower -> follower.complete(reason));
        followers.clear();
        closeFile();
    }

    private synchronized void unregister(LogFollower follower) {
        followers.remove(follower);
    }

    /** A full or broken disk must not stop the process's output: the ring and the followers carry on. */
    private void abandonFile(IOException e) {
        log.warn("{}: cannot write log file {}: {}; its output is kept in memory only until the next start", name,
                file.path(), e.toString());
        closeFile();
    }

    private void closeFile() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                log.warn("{}: cannot close log file {}: {}", name, file.path(), e.toString());
            }
            file = null;
        }
    }
}
