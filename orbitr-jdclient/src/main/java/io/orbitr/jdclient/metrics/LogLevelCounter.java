package io.orbitr.jdclient.metrics;

import io.orbitr.jdclient.log.JdcLogLine;
import io.orbitr.jdclient.log.LogLevel;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts a process's output lines by jd-client log level while it follows the process's output, and hands out the
 * counts since the previous {@link #drain()} as metric values. Lines not in jd-client's log format (panics, the
 * config error on stderr) are counted as {@link MetricNames#LOG_LINES_OTHER}, lines the supervisor dropped because
 * the counter fell behind as {@link MetricNames#LOG_LINES_LOST}.
 *
 * <p>A follow may end when the process restarts; the owner then follows again with a replay of the buffer, and
 * lines already counted (by id, or by time for a source whose ids restarted) are skipped. Thread-safe.
 */
public final class LogLevelCounter implements StreamSubscriber<LogLine> {
    private static final int OTHER = LogLevel.values().length;
    private static final int LOST = OTHER + 1;
    private final AtomicLongArray counts = new AtomicLongArray(LOST + 1);
    private volatile Subscription subscription;
    private volatile boolean ended;
    private long lastId = -1;
    private Instant lastTimestamp = Instant.MIN;

    @Override
    public void onSubscribe(Subscription s) {
        this.subscription = s;
        this.ended = false;
    }

    @Override
    public synchronized void onNext(LogLine line) {
        if (line.id() <= lastId && !line.timestamp().isAfter(lastTimestamp)) {
            return; // replayed after a re-follow: counted already
        }
        lastId = line.id();
        lastTimestamp = line.timestamp();
        counts.incrementAndGet(JdcLogLine.parse(line.text()).map(l -> l.level().ordinal()).orElse(OTHER));
    }

    /** A follower that fell behind is told how many lines it lost; they are counted, not dropped silently. */
    @Override
    public void onEvent(StreamEvent event) {
        if (event.kind() == StreamEvent.Kind.LOST) {
            counts.addAndGet(LOST, event.count());
        }
    }

    @Override
    public void onError(Throwable error) {
        ended = true;
    }

    @Override
    public void onComplete(String reason) {
        ended = true;
    }

    /** @return whether the counter still receives lines */
    public boolean following() {
        Subscription s = subscription;
        return s != null && !s.isCancelled() && !ended;
    }

    /** Stops following. */
    public void cancel() {
        Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        ended = true;
    }

    /** @return lines counted since the previous call, by metric name, every level included (zeros too) */
    public Map<String, Long> drain() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (LogLevel level : LogLevel.values()) {
            out.put(MetricNames.logLines(level), counts.getAndSet(level.ordinal(), 0));
        }
        out.put(MetricNames.LOG_LINES_OTHER, counts.getAndSet(OTHER, 0));
        out.put(MetricNames.LOG_LINES_LOST, counts.getAndSet(LOST, 0));
        return out;
    }
}
