package io.orbitr.core.process;

import io.orbitr.stream.LogStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Drains one of a process's pipes, stdout or stderr, line by line into its {@link ProcessOutput}, on a thread of
 * its own: a pipe nobody reads fills up and blocks the process. A line is cut at {@code \n} (a {@code \r} before
 * it is dropped) and decoded as UTF-8; a line longer than the bound is delivered in pieces rather than held whole,
 * so that a program printing without newlines cannot exhaust memory. Ends at end of stream.
 */
final class OutputReader implements Runnable {
    /** The longest line delivered whole, as Docker does it. */
    static final int MAX_LINE_BYTES = 16 * 1024;

    private final InputStream in;
    private final LogStream stream;
    private final ProcessOutput output;
    private byte[] line = new byte[256];
    private int length;

    OutputReader(InputStream in, LogStream stream, ProcessOutput output) {
        this.in = in;
        this.stream = stream;
        this.output = output;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        emit();
                    } else {
                        if (length == MAX_LINE_BYTES) {
                            emitPiece();
                        }
                        append(b);
                    }
                }
                // Flush once per read, not per line: prompt when the process is quiet, cheap when it floods.
                output.flush();
            }
        } catch (IOException e) {
            // The pipe was closed under us (the process was killed): what was read is kept below.
        }
        if (length > 0) {
            emit();
            output.flush();
        }
    }

    private void append(byte b) {
        if (length == line.length) {
            line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, line.length * 2));
        }
        line[length++] = b;
    }

    /** Delivers a full buffer as one line, cut before a UTF-8 sequence that has not ended yet. */
    private void emitPiece() {
        int cut = length;
        // Back off over at most 3 continuation bytes and the lead byte that starts them.
        for (int i = length - 1; i >= Math.max(0, length - 4); i--) {
            if ((line[i] & 0xC0) != 0x80) {
                int expected = (line[i] & 0xE0) == 0xC0 ? 2 : (line[i] & 0xF0) == 0xE0 ? 3
                        : (line[i] & 0xF8) == 0xF0 ? 4 : 1;
                cut = length - i < expected ? i : length;
                break;
            }
        }
        if (cut == 0) {
            cut = length;
        }
        byte[] rest = Arrays.copyOfRange(line, cut, length);
        length = cut;
        output.append(stream, new String(line, 0, length, StandardCharsets.UTF_8));
        System.arraycopy(rest, 0, line, 0, rest.length);
        length = rest.length;
    }

    private void emit() {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        output.append(stream, new String(line, 0, end, StandardCharsets.UTF_8));
        length = 0;
    }
}
