package io.orbitr.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.process.ProcessSpec;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputReaderTest {

    private static List<LogLine> read(byte[] bytes) {
        ProcessOutput output = new ProcessOutput(ProcessSpec.builder("reader", "true").logBufferLines(100).build(),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Runnable::run, 10);
        new OutputReader(new ByteArrayInputStream(bytes), LogStream.STDERR, output).run();
        return output.tail(100);
    }

    @Test
    void splitsLinesOnNewlinesAndDropsCarriageReturns() {
        List<LogLine> lines = read("one\r\ntwo\n\nthree".getBytes(StandardCharsets.UTF_8));

        assertThat(lines).extracting(LogLine::text).containsExactly("one", "two", "", "three");
        assertThat(lines).extracting(LogLine::id).containsExactly(1L, 2L, 3L, 4L);
        assertThat(lines).allMatch(line -> line.stream() == LogStream.STDERR && line.timestamp().equals(Instant.EPOCH));
    }

    @Test
    void cutsOverlongLinesIntoPiecesWithoutBreakingACharacter() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // One byte short of the bound, then a 3-byte character that would straddle it.
        bytes.writeBytes("a".repeat(OutputReader.MAX_LINE_BYTES - 1).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("€tail\n".getBytes(StandardCharsets.UTF_8));

        List<LogLine> lines = read(bytes.toByteArray());

        assertThat(lines).extracting(LogLine::text)
                .containsExactly("a".repeat(OutputReader.MAX_LINE_BYTES - 1), "€tail");
    }
}
