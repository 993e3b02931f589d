package io.orbitr.docker.stream;

import io.orbitr.stream.LogStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;

/**
 * Decodes the body of the engine's {@code /containers/{id}/logs} answer into lines.
 *
 * <p>Without a TTY the body is multiplexed: frames of {@code [stream, 0, 0, 0, size (4 bytes, big-endian)]} and a
 * payload, one frame per log entry. With timestamps each entry starts with the engine's timestamp and a space. The
 * engine stores a line longer than its 16 KiB buffer as several entries, each with its own timestamp: only frame
 * boundaries tell where an entry's timestamp is, which is why this reads frames itself rather than through
 * docker-java's frame callback (it cuts frames into 1 KiB pieces and loses the boundaries).
 *
 * <p>With a TTY the body is the raw output, entries one after the other. An entry ends at its newline, or after
 * {@value #ENGINE_ENTRY_BYTES} bytes when the engine split a long line; there the next entry's timestamp follows.
 *
 * <p>Not thread-safe: one per response.
 */
final class LogDecoder {
    /** The engine's log buffer (moby's copier): a longer line is stored as entries of this many bytes. */
    static final int ENGINE_ENTRY_BYTES = 16 * 1024;
    /** A timestamp and the space after it. */
    private static final int PREFIX = EngineTimestamps.FIXED_LENGTH + 1;
    /** How far to look for the space after a timestamp of an unusual form. */
    private static final int LONGEST_PREFIX = 40;

    private final InputStream in;
    private final boolean tty;
    private final boolean timestamps;
    private final Clock clock;
    private final LineSink sink;
    private final ReadPacing pacing;
    private final LineAssembler stdout;
    private final LineAssembler stderr;
    private final byte[] buffer;
    private final EngineTimestamps.LastSecond lastSecond = new EngineTimestamps.LastSecond();
    private int position;
    private int limit;

    /**
     * @param in           the response body
     * @param tty          whether the container has a TTY (raw body) or not (multiplexed body)
     * @param timestamps   whether the engine was asked for timestamps
     * @param clock        stamps lines read without the engine's timestamps
     * @param maxLineBytes the longest line delivered whole
     * @param bufferBytes  the read buffer's size
     * @param sink         where lines go
     * @param pacing       paces reads once the decoder has caught up with the engine
     */
    LogDecoder(InputStream in, boolean tty, boolean timestamps, Clock clock, int maxLineBytes, int bufferBytes,
            LineSink sink, ReadPacing pacing) {
        this.in = in;
        this.tty = tty;
        this.timestamps = timestamps;
        this.clock = clock;
        this.sink = sink;
        this.pacing = pacing;
        this.stdout = new LineAssembler(LogStream.STDOUT, maxLineBytes, sink);
        this.stderr = new LineAssembler(LogStream.STDERR, maxLineBytes, sink);
        this.buffer = new byte[Math.max(bufferBytes, 2 * LONGEST_PREFIX)];
    }

    /**
     * Reads until the body ends. Unfinished lines (pieces of a long line whose rest has not come) stay kept: the caller decides whether the end completes them
     * ({@link #flushPartials()}) or a resumed read will bring them again ({@link #discardPartials()}).
     *
     * @throws IOException when the connection fails or the body is cut inside a frame
     */
    void readToEnd() throws IOException {
        if (tty) {
            readRaw();
        } else {
            readMultiplexed();
        }
    }

    /** @return whether a line is unfinished */
    boolean hasPartials() {
        return stdout.hasPending() || stderr.hasPending();
    }

    /** Delivers unfinished lines as lines: the writer ended without a final newline. */
    void flushPartials() {
        stdout.flush();
        stderr.flush();
    }

    /** Forgets unfinished lines. */
    void discardPartials() {
        stdout.discard();
        stderr.discard();
    }

    private void readMultiplexed() throws IOException {
        while (ensure(8)) {
            byte type = buffer[position];
            long size = ((buffer[position + 4] & 0xFFL) << 24) | ((buffer[position + 5] & 0xFF) << 16)
                    | ((buffer[position + 6] & 0xFF) << 8) | (buffer[position + 7] & 0xFF);
            position += 8;
            LineAssembler target = type == 2 ? stderr : stdout;
            Instant timestamp = null;
            if (timestamps) {
                int want = (int) Math.min(size, LONGEST_PREFIX);
                if (!ensure(want)) {
                    throw new EOFException("the log stream ended inside a frame");
                }
                int space = indexOf(buffer, position, position + want, (byte) ' ');
                if (space > position) {
                    timestamp = EngineTimestamps.parse(buffer, position, space - position, lastSecond);
                    if (timestamp != null) {
                        size -= space + 1 - position;
                        position = space + 1;
                    }
                }
            }
            if (timestamp == null) {
                timestamp = clock.instant();
            }
            long contentBytes = size;
            byte lastByte = '\n';
            while (size > 0) {
                if (position == limit && !fill()) {
                    throw new EOFException("the log stream ended inside a frame");
                }
                int take = (int) Math.min(size, limit - position);
                if (type != 0) {
                    target.append(buffer, position, take, timestamp);
                }
                lastByte = buffer[position + take - 1];
                position += take;
                size -= take;
            }
            // An entry without a newline is either a piece of a long line (exactly the engine's buffer) or the
            // last output of a writer that ended without one: that line is complete, and must not be glued to the
            // first line of the container's next run.
            if (lastByte != '\n' && contentBytes < ENGINE_ENTRY_BYTES) {
                target.flush();
            }
        }
        if (position < limit) {
            throw new EOFException("the log stream ended inside a frame header");
        }
    }

    private void readRaw() throws IOException {
        boolean entryStart = true;
        // How many content bytes the current entry has had, to know where the engine may have split a long line;
        // negative once the entry is known to be longer than that (no more splits are looked for).
        int entryBytes = 0;
        Instant timestamp = null;
        while (true) {
            if (timestamps && entryStart) {
                ensure(PREFIX);
                if (limit - position >= PREFIX && EngineTimestamps.startsWithFixed(buffer, position, limit)) {
                    timestamp = EngineTimestamps.parse(buffer, position, EngineTimestamps.FIXED_LENGTH, lastSecond);
                    position += PREFIX;
                } else {
                    timestamp = clock.instant();
                }
                entryStart = false;
                entryBytes = 0;
            }
            if (position == limit && !fill()) {
                return;
            }
            if (!timestamps) {
                timestamp = clock.instant();
                stdout.append(buffer, position, limit - position, timestamp);
                position = limit;
                continue;
            }
            int scanEnd = entryBytes >= 0 ? Math.min(limit, position + ENGINE_ENTRY_BYTES - entryBytes) : limit;
            int newline = indexOf(buffer, position, scanEnd, (byte) '\n');
            if (newline >= 0) {
                stdout.append(buffer, position, newline + 1 - position, timestamp);
                position = newline + 1;
                entryStart = true;
                continue;
            }
            stdout.append(buffer, position, scanEnd - position, timestamp);
            if (entryBytes >= 0) {
                entryBytes += scanEnd - position;
            }
            position = scanEnd;
            if (entryBytes == ENGINE_ENTRY_BYTES) {
                ensure(PREFIX);
                if (EngineTimestamps.startsWithFixed(buffer, position, limit)) {
                    entryStart = true;
                } else {
                    entryBytes = -1;
                }
            }
        }
    }

    /** Makes {@code count} bytes available from {@code position}; false when the body ends first. */
    private boolean ensure(int count) throws IOException {
        while (limit - position < count) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Reads more bytes after those still unused; false at the end of the body. */
    private boolean fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (in.available() <= 0) {
            sink.idle();
            pacing.beforeWaitingRead();
        }
        long started = pacing.readStarting();
        int read = in.read(buffer, limit, buffer.length - limit);
        pacing.readEnded(started);
        if (read < 0) {
            return false;
        }
        limit += read;
        return true;
    }

    private static int indexOf(byte[] bytes, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
