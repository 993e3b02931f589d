package io.orbitr.docker.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.stream.LogStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineAssemblerTest {
    private static final Instant T1 = Instant.ofEpochSecond(1);
    private static final Instant T2 = Instant.ofEpochSecond(2);
    private final List<String> lines = new ArrayList<>();
    private final List<Instant> stamps = new ArrayList<>();
    private final LineSink sink = new LineSink() {
        @Override
        public void line(LogStream stream, Instant timestamp, String text) {
            lines.add(text);
            stamps.add(timestamp);
        }

        @Override
        public void idle() {
        }
    };
    private final LineAssembler assembler = new LineAssembler(LogStream.STDOUT, 16, sink);

    private void append(String text, Instant timestamp) {
        byte[] bytes = ("##" + text).getBytes(StandardCharsets.UTF_8);
        assembler.append(bytes, 2, bytes.length - 2, timestamp);
        // The caller reuses its buffer: what was kept must have been copied.
        java.util.Arrays.fill(bytes, (byte) '?');
    }

    @Test
    void reassemblesLinesFromPiecesThatIgnoreLineBoundaries() {
        append("one\ntw", T1);
        append("o\nthr", T2);
        append("ee\n", T2);

        assertThat(lines).containsExactly("one", "two", "three");
        assertThat(stamps).containsExactly(T1, T1, T2);
        assertThat(assembler.hasPending()).isFalse();
    }

    @Test
    void keepsTheLastUnfinishedLineUntilTheStreamEnds() {
        append("done\nnot yet", T1);
        assertThat(lines).containsExactly("done");
        assertThat(assembler.hasPending()).isTrue();

        assembler.flush();
        assertThat(lines).containsExactly("done", "not yet");
    }

    @Test
    void forgetsTheUnfinishedLineWhenTheStreamBreaks() {
        append("half", T1);
        assembler.discard();
        append("whole\n", T2);

        assertThat(lines).containsExactly("whole");
    }

    @Test
    void dropsTheCarriageReturnOfCrLfAndKeepsEmptyLines() {
        append("a\r\n\nb\r", T1);
        append("\n", T1);

        assertThat(lines).containsExactly("a", "", "b");
    }

    @Test
    void deliversALineLongerThanTheLimitInPiecesWithoutCuttingACharacter() {
        append("0123456789abcde\u00e9xyz\n", T1);
        append("0123456789abcdef\n", T1);

        assertThat(lines).containsExactly("0123456789abcde", "\u00e9xyz", "0123456789abcdef");
    }
}
