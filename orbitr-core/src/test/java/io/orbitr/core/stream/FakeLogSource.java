package io.orbitr.core.stream;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogQuery;
import io.orbitr.stream.LogSource;
import io.orbitr.stream.LogStream;
import io.orbitr.stream.SourceEnd;
import io.orbitr.stream.SourceHandle;
import io.orbitr.stream.SourceSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A log source driven by the test: it records each opening, and the test makes each one deliver and end. */
final class FakeLogSource implements LogSource {
    private final String key;
    private final List<Opening> openings = new ArrayList<>();
    private final Consumer<Opening> script;

    FakeLogSource(String key) {
        this(key, opening -> { });
    }

    /** @param script plays each opening as soon as it is opened, on the opener's thread */
    FakeLogSource(String key, Consumer<Opening> script) {
        this.key = key;
        this.script = script;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String name() {
        return "fake " + key;
    }

    @Override
    public SourceHandle open(LogQuery query, SourceSink<LogLine> sink) {
        Opening opening = new Opening(query, sink);
        synchronized (this) {
            openings.add(opening);
        }
        script.accept(opening);
        return opening;
    }

    synchronized List<Opening> openings() {
        return List.copyOf(openings);
    }

    synchronized Opening last() {
        return openings.get(openings.size() - 1);
    }

    /** @return a line of stdout at second {@code second} */
    static LogLine line(int second, String text) {
        return new LogLine(0, at(second), LogStream.STDOUT, text);
    }

    /** @return a line of stderr at second {@code second} */
    static LogLine errorLine(int second, String text) {
        return new LogLine(0, at(second), LogStream.STDERR, text);
    }

    /** @return the instant of second {@code second} of the test's log */
    static Instant at(int second) {
        return Instant.ofEpochSecond(1_800_000_000L + second);
    }

    /** One opening of the source: what was asked, and the sink to feed. */
    static final class Opening implements SourceHandle {
        final LogQuery query;
        final SourceSink<LogLine> sink;
        final AtomicBoolean closed = new AtomicBoolean();

        Opening(LogQuery query, SourceSink<LogLine> sink) {
            this.query = query;
            this.sink = sink;
        }

        Opening emit(LogLine... lines) {
            sink.onItems(new ArrayList<>(List.of(lines)));
            return this;
        }

        Opening opened() {
            sink.onOpen();
            return this;
        }

        void end(SourceEnd.Kind kind, String reason) {
            sink.onEnd(SourceEnd.of(kind, reason));
        }

        void finish() {
            end(SourceEnd.Kind.FINISHED, "done");
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
