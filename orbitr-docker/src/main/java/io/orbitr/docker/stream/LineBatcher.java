package io.orbitr.docker.stream;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects decoded lines into batches: handed over when the reader would wait for more input, or when a batch is
 * big enough. A consumer that publishes a batch at once (the stream hub wakes its subscribers once per batch) then
 * pays per batch, not per line. Numbers the lines from 1 in the order read.
 */
final class LineBatcher implements LineSink {
    static final int MAX_BATCH_LINES = 4096;
    private static final long MAX_BATCH_CHARS = 4L * 1024 * 1024;

    private final Consumer<List<LogLine>> consumer;
    private List<LogLine> batch = new ArrayList<>();
    private long batchChars;
    private long nextId = 1;

    /** @param consumer takes each batch; the list is its own */
    LineBatcher(Consumer<List<LogLine>> consumer) {
        this.consumer = consumer;
    }

    @Override
    public void line(LogStream stream, Instant timestamp, String text) {
        batch.add(new LogLine(nextId++, timestamp, stream, text));
        batchChars += text.length();
        if (batch.size() >= MAX_BATCH_LINES || batchChars >= MAX_BATCH_CHARS) {
            idle();
        }
    }

    @Override
    public void idle() {
        if (!batch.isEmpty()) {
            List<LogLine> full = batch;
            batch = new ArrayList<>();
            batchChars = 0;
            consumer.accept(full);
        }
    }
}
