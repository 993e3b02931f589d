package io.orbitr.core.process;

import io.orbitr.stream.LogLine;
import java.util.ArrayList;
import java.util.List;

/**
 * The last lines of one process's output, in a fixed-size circular array: appending never allocates beyond the
 * line itself and the oldest line falls out when the ring is full. Not thread-safe; {@link ProcessOutput} guards
 * it.
 */
final class LogRing {
    private LogLine[] lines;
    /** Index of the oldest line. */
    private int head;
    private int size;

    LogRing(int capacity) {
        this.lines = new LogLine[capacity];
    }

    void add(LogLine line) {
        if (size < lines.length) {
            lines[(head + size) % lines.length] = line;
            size++;
        } else {
            lines[head] = line;
            head = (head + 1) % lines.length;
        }
    }

    /** @return up to {@code count} of the newest lines, oldest first */
    List<LogLine> last(int count) {
        int n = Math.max(0, Math.min(count, size));
        List<LogLine> out = new ArrayList<>(n);
        for (int i = size - n; i < size; i++) {
            out.add(lines[(head + i) % lines.length]);
        }
        return out;
    }

    int size() {
        return size;
    }

    int capacity() {
        return lines.length;
    }

    /** Changes the capacity, keeping the newest lines that fit. */
    void resize(int capacity) {
        if (capacity == lines.length) {
            return;
        }
        List<LogLine> kept = last(capacity);
        lines = new LogLine[capacity];
        head = 0;
        size = 0;
        kept.forEach(this::add);
    }
}
