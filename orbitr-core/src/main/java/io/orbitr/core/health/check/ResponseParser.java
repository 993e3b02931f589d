package io.orbitr.core.health.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses one HTTP/1.x response as its bytes arrive, in any split: the status line, the headers, then a body
 * delimited by Content-Length, by chunked transfer coding, or by the end of the connection. Keeps at most a bound
 * of body bytes (the rest is read and dropped, so the connection stays reusable). Interim 1xx responses are skipped.
 * Not thread-safe: one connection's I/O thread owns it.
 */
final class ResponseParser {
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_LINE = 1024;
    /** CR LF CR LF: the end of a response head. */
    private static final int BLANK_LINE = 0x0D0A0D0A;

    private enum State { HEAD, LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

    private final boolean head;
    private final int maxBody;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private State state = State.HEAD;
    private long remaining;
    private int lastFour;
    private boolean receivedAny;
    private int status;
    private boolean keepAlive;
    private String location = "";
    private String contentType = "";

    /**
     * @param head    whether the request was HEAD (its response has no body)
     * @param maxBody the most body bytes kept
     */
    ResponseParser(boolean head, int maxBody) {
        this.head = head;
        this.maxBody = maxBody;
    }

    /**
     * Consumes bytes.
     *
     * @param in bytes read from the connection
     * @throws IOException when the response is not HTTP/1.x or breaks its own framing
     */
    void feed(ByteBuffer in) throws IOException {
        if (in.hasRemaining()) {
            receivedAny = true;
        }
        while (in.hasRemaining() && state != State.DONE) {
            switch (state) {
                case HEAD -> readHead(in);
                case LENGTH, CHUNK_DATA -> readCounted(in);
                case CHUNK_SIZE -> readChunkSize(in);
                case CHUNK_END -> {
                    if (readLine(in)) {
                        if (line.size() != 0) {
                            throw new IOException("a chunk is longer than its size");
                        }
                        line.reset();
                        state = State.CHUNK_SIZE;
                    }
                }
                case TRAILERS -> {
                    if (readLine(in)) {
                        boolean empty = line.size() == 0;
                        line.reset();
                        if (empty) {
                            state = State.DONE;
                        }
                    }
                }
                case UNTIL_CLOSE -> keep(in, in.remaining());
                default -> throw new IllegalStateException(state.name());
            }
        }
        if (state == State.DONE && in.hasRemaining()) {
            // Bytes after the response: the server is confused; never reuse this connection.
            keepAlive = false;
            in.position(in.limit());
        }
    }

    /**
     * The connection ended.
     *
     * @throws IOException when the response was not complete
     */
    void end() throws IOException {
        if (state == State.UNTIL_CLOSE) {
            state = State.DONE;
            return;
        }
        if (state != State.DONE) {
            throw new IOException(receivedAny ? "the connection closed in the middle of the response"
                    : "the connection closed before any response");
        }
    }

    boolean done() {
        return state == State.DONE;
    }

    /** @return whether any byte of the response arrived (a request that got none may be retried) */
    boolean receivedAny() {
        return receivedAny;
    }

    int status() {
        return status;
    }

    boolean keepAlive() {
        return keepAlive;
    }

    String location() {
        return location;
    }

    String contentType() {
        return contentType;
    }

    byte[] body() {
        return body.toByteArray();
    }

    private void readHead(ByteBuffer in) throws IOException {
        while (in.hasRemaining()) {
            byte b = in.get();
            line.write(b);
            lastFour = lastFour << 8 | (b & 0xff);
            if (line.size() > MAX_HEAD) {
                throw new IOException("the response head is larger than " + MAX_HEAD + " bytes");
            }
            if (lastFour == BLANK_LINE) {
                lastFour = 0;
                parseHead(line.toString(StandardCharsets.ISO_8859_1));
                line.reset();
                return;
            }
        }
    }

    private void parseHead(String text) throws IOException {
        String[] lines = text.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x response: " + abbreviate(lines[0]));
        }
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IOException("a bad status line: " + abbreviate(lines[0]));
        }
        boolean http10 = statusLine[0].equals("HTTP/1.0");
        long length = -1;
        boolean chunked = false;
        String connection = "";
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> {
                    try {
                        long parsed = Long.parseLong(value);
                        if (parsed < 0 || length != -1 && length != parsed) {
                            throw new IOException("a bad Content-Length: " + value);
                        }
                        length = parsed;
                    } catch (NumberFormatException e) {
                        throw new IOException("a bad Content-Length: " + abbreviate(value));
                    }
                }
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> connection = value.toLowerCase(Locale.ROOT);
                case "location" -> location = value;
                case "content-type" -> contentType = value;
                default -> {
                    // not needed by a health check
                }
            }
        }
        if (status >= 100 && status < 200) {
            // An interim response (100 Continue): the real one follows.
            location = "";
            contentType = "";
            return;
        }
        keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
        if (head || status == 204 || status == 304) {
            state = State.DONE;
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (length >= 0) {
            remaining = length;
            state = length == 0 ? State.DONE : State.LENGTH;
        } else {
            keepAlive = false;
            state = State.UNTIL_CLOSE;
        }
    }

    private void readCounted(ByteBuffer in) {
        int take = (int) Math.min(remaining, in.remaining());
        keep(in, take);
        remaining -= take;
        if (remaining == 0) {
            state = state == State.LENGTH ? State.DONE : State.CHUNK_END;
        }
    }

    private void readChunkSize(ByteBuffer in) throws IOException {
        if (!readLine(in)) {
            return;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        line.reset();
        int extension = text.indexOf(';');
        String hex = (extension >= 0 ? text.substring(0, extension) : text).trim();
        try {
            remaining = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("a bad chunk size: " + abbreviate(text));
        }
        if (remaining < 0) {
            throw new IOException("a bad chunk size: " + abbreviate(text));
        }
        state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
    }

    /** Reads up to a CRLF into {@code line} (without it). @return whether the line is complete */
    private boolean readLine(ByteBuffer in) throws IOException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                return true;
            }
            if (b != '\r') {
                line.write(b);
                if (line.size() > MAX_LINE) {
                    throw new IOException("a line of the response is longer than " + MAX_LINE + " bytes");
                }
            }
        }
        return false;
    }

    private void keep(ByteBuffer in, int count) {
        int take = Math.min(count, maxBody - body.size());
        if (take > 0) {
            byte[] bytes = new byte[take];
            in.get(bytes);
            body.write(bytes, 0, take);
        }
        in.position(in.position() + (count - Math.max(take, 0)));
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
