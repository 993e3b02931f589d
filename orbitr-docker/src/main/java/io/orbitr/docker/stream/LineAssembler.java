package io.orbitr.docker.stream;

import io.orbitr.stream.LogStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Turns the content of one output stream (stdout or stderr) into lines. Content arrives in pieces that do not
 * follow line boundaries: an engine frame is not a line, and the engine splits lines longer than its buffer into
 * several entries. The unfinished end of a line is kept until its newline comes or the stream ends. A line takes
 * the timestamp of the piece it started in. Not thread-safe: one per stream per reader.
 */
final class LineAssembler {
    private final LogStream stream;
    private final int maxLineBytes;
    private final LineSink sink;
    private byte[] pending = new byte[256];
    private int pendingLength;
    private Instant pendingTimestamp;

    /**
     * @param stream       the stream whose lines these are
     * @param maxLineBytes a line longer than this is delivered in pieces of this size, so that output without any
     *                     newline cannot exhaust the heap
     * @param sink         where lines go
     */
    LineAssembler(LogStream stream, int maxLineBytes, LineSink sink) {
        this.stream = stream;
        this.maxLineBytes = maxLineBytes;
        this.sink = sink;
    }

    /**
     * Takes a piece of content. The bytes are copied or decoded before this returns: the caller reuses its buffer.
     *
     * @param bytes     the buffer
     * @param offset    where the piece starts
     * @param length    its length
     * @param timestamp when the piece was written
     */
    void append(byte[] bytes, int offset, int length, Instant timestamp) {
        int start = offset;
        int end = offset + length;
        for (int i = start; i < end; i++) {
            if (bytes[i] == '\n') {
                if (pendingLength == 0 && i - start <= maxLineBytes) {
                    emit(bytes, start, i - start, timestamp);
                } else {
                    keep(bytes, start, i - start, timestamp);
                    emit(pending, 0, pendingLength, pendingTimestamp);
                    pendingLength = 0;
                }
                start = i + 1;
            }
        }
        if (start < end) {
            keep(bytes, start, end - start, timestamp);
        }
    }

    /** @return whether an unfinished line is kept */
    boolean hasPending() {
        return pendingLength > 0;
    }

    /** The stream ended: the unfinished line is a line. */
    void flush() {
        if (pendingLength > 0) {
            emit(pending, 0, pendingLength, pendingTimestamp);
            pendingLength = 0;
        }
    }

    /** The stream broke: the unfinished line will be read again, whole, when the stream resumes. */
    void discard() {
        pendingLength = 0;
    }

    private void keep(byte[] bytes, int offset, int length, Instant timestamp) {
        if (pendingLength == 0) {
            pendingTimestamp = timestamp;
        }
        while (length > 0) {
            if (pendingLength == maxLineBytes) {
                // Only split when more is coming: a line of exactly the limit is still one line.
                splitOverlongLine();
            }
            int take = Math.min(maxLineBytes - pendingLength, length);
            ensureCapacity(pendingLength + take);
            System.arraycopy(bytes, offset, pending, pendingLength, take);
            pendingLength += take;
            offset += take;
            length -= take;
        }
    }

    /** Delivers the longest whole-character prefix of an overlong line and keeps the rest. */
    private void splitOverlongLine() {
        int cut = pendingLength;
        // Never cut a UTF-8 sequence: find the start of the last character and leave it out if it is incomplete.
        int last = cut - 1;
        while (last > 0 && cut - last < 4 && (pending[last] & 0xC0) == 0x80) {
            last--;
        }
        int lead = pending[last] & 0xFF;
        int sequenceLength = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (sequenceLength > cut - last && last > 0) {
            cut = last;
        }
        sink.line(stream, pendingTimestamp, new String(pending, 0, cut, StandardCharsets.UTF_8));
        System.arraycopy(pending, cut, pending, 0, pendingLength - cut);
        pendingLength -= cut;
    }

    private void emit(byte[] bytes, int offset, int length, Instant timestamp) {
        // A TTY, and many programs, end lines with \r\n: the \r belongs to the terminator, not to the text.
        if (length > 0 && bytes[offset + length - 1] == '\r') {
            length--;
        }
        sink.line(stream, timestamp, new String(bytes, offset, length, StandardCharsets.UTF_8));
    }

    private void ensureCapacity(int needed) {
        if (needed > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(needed, Math.min(maxLineBytes, pending.length * 2)));
        }
    }
}
