package io.orbitr.docker.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.stream.LogStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogDecoderTest {
    private static final String T1 = "2026-11-22T14:46:50.339853976Z";
    private static final String T2 = "2026-11-22T14:46:51.000000001Z";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final List<String> lines = new ArrayList<>();
    private final List<String> described = new ArrayList<>();
    private final LineSink sink = new LineSink() {
        @Override
        public void line(LogStream stream, Instant timestamp, String text) {
            lines.add(text);
            described.add(stream + " " + timestamp + " " + (text.length() > 20 ? text.length() + " chars" : text));
        }

        @Override
        public void idle() {
        }
    };

    /** One engine frame: stream, three zero bytes, the size, the payload. */
    private static void frame(ByteArrayOutputStream out, int stream, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        out.write(stream);
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    /** Hands out at most a few bytes per read, as a network does. */
    private static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 7));
            }

            @Override
            public int available() {
                return 0;
            }
        };
    }

    private LogDecoder decoder(byte[] body, boolean tty, boolean timestamps) {
        return new LogDecoder(trickle(body), tty, timestamps, CLOCK, 1024 * 1024, 128, sink,
                new ReadPacing(() -> 0L, nanos -> {
                }));
    }

    @Test
    void splitsMultiplexedFramesIntoLinesPerStreamWithTheEnginesTimestamps() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        frame(body, 1, T1 + " hello\n");
        frame(body, 2, T1 + " oops\n");
        frame(body, 1, T2 + " world\n");

        decoder(body.toByteArray(), false, true).readToEnd();

        assertThat(described).containsExactly("STDOUT " + T1 + " hello", "STDERR " + T1 + " oops",
                "STDOUT " + T2 + " world");
    }

    @Test
    void joinsALongLineThatTheEngineStoredAsSeveralEntriesWithoutTheirTimestamps() throws IOException {
        String line = "a".repeat(LogDecoder.ENGINE_ENTRY_BYTES * 4 + 4464);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int start = 0; start < line.length(); start += LogDecoder.ENGINE_ENTRY_BYTES) {
            String piece = line.substring(start, Math.min(line.length(), start + LogDecoder.ENGINE_ENTRY_BYTES));
            frame(body, 1, T1 + " " + piece + (start + LogDecoder.ENGINE_ENTRY_BYTES >= line.length() ? "\n" : ""));
        }
        frame(body, 2, T2 + " interleaved\n");

        decoder(body.toByteArray(), false, true).readToEnd();

        assertThat(lines).containsExactly(line, "interleaved");
    }

    @Test
    void aFinalLineWithoutNewlineEndsAtItsEntrySoTheNextRunStartsANewLine() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        frame(body, 1, T1 + " last words");
        frame(body, 1, T2 + " next run\n");
        LogDecoder decoder = decoder(body.toByteArray(), false, true);

        decoder.readToEnd();

        assertThat(lines).containsExactly("last words", "next run");
        assertThat(decoder.hasPartials()).isFalse();
    }

    @Test
    void withoutTimestampsLinesCarryTheReadTime() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        frame(body, 1, "plain\n");

        decoder(body.toByteArray(), false, false).readToEnd();

        assertThat(described).containsExactly("STDOUT 2030-01-01T00:00:00Z plain");
    }

    @Test
    void aBodyCutInsideAFrameIsAnError() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        frame(body, 1, T1 + " hello\n");
        byte[] cut = java.util.Arrays.copyOf(body.toByteArray(), body.size() - 3);

        assertThatThrownBy(() -> decoder(cut, false, true).readToEnd()).isInstanceOf(EOFException.class);
    }

    @Test
    void decodesARawTtyLogIncludingTheEnginesSplitOfALongLine() throws IOException {
        String line = "b".repeat(20_000);
        String raw = T1 + " " + line.substring(0, LogDecoder.ENGINE_ENTRY_BYTES)
                + T1 + " " + line.substring(LogDecoder.ENGINE_ENTRY_BYTES) + "\r\n"
                + T2 + " short\r\n"
                + T2 + " a " + T1 + " timestamp inside a line stays\r\n"
                + T2 + " nonl";
        LogDecoder decoder = decoder(raw.getBytes(StandardCharsets.UTF_8), true, true);

        decoder.readToEnd();
        decoder.flushPartials();

        assertThat(lines).containsExactly(line, "short", "a " + T1 + " timestamp inside a line stays", "nonl");
        assertThat(described.get(1)).isEqualTo("STDOUT " + T2 + " short");
    }
}
