package io.orbitr.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogStream;
import java.time.Instant;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LogRingTest {

    private static LogLine line(long id) {
        return new LogLine(id, Instant.EPOCH, LogStream.STDOUT, "line " + id);
    }

    private static long[] ids(LogRing ring, int count) {
        return ring.last(count).stream().mapToLong(LogLine::id).toArray();
    }

    @Test
    void keepsTheNewestLinesOnceFull() {
        LogRing ring = new LogRing(3);
        LongStream.rangeClosed(1, 7).forEach(id -> ring.add(line(id)));

        assertThat(ring.size()).isEqualTo(3);
        assertThat(ids(ring, 10)).containsExactly(5, 6, 7);
        assertThat(ids(ring, 2)).containsExactly(6, 7);
        assertThat(ids(ring, 0)).isEmpty();
    }

    @Test
    void returnsWhatItHasBeforeItIsFull() {
        LogRing ring = new LogRing(5);
        ring.add(line(1));
        ring.add(line(2));

        assertThat(ids(ring, 5)).containsExactly(1, 2);
    }

    @Test
    void resizingKeepsTheNewestLinesThatFit() {
        LogRing ring = new LogRing(4);
        LongStream.rangeClosed(1, 6).forEach(id -> ring.add(line(id)));

        ring.resize(2);
        assertThat(ids(ring, 10)).containsExactly(5, 6);

        ring.resize(5);
        ring.add(line(7));
        assertThat(ring.capacity()).isEqualTo(5);
        assertThat(ids(ring, 10)).containsExactly(5, 6, 7);
    }
}
