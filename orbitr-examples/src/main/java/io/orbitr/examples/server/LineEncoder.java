package io.orbitr.examples.server;

import io.orbitr.stream.LogLine;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Encodes log lines to JSON once for every client: the stream hub hands the same {@link LogLine} object to every
 * subscriber of a stream, so a line's JSON is kept in a small table (by id, checked by identity) and each client's
 * batch is the encoded lines joined. Thread-safe; a collision only costs an encoding.
 */
final class LineEncoder {
    private static final int SLOTS = 1 << 16;

    private record Encoded(LogLine line, String json) {
    }

    private final AtomicReferenceArray<Encoded> slots = new AtomicReferenceArray<>(SLOTS);

    String line(LogLine line) {
        int slot = (int) (line.id() & (SLOTS - 1));
        Encoded cached = slots.get(slot);
        if (cached != null && cached.line() == line) {
            return cached.json();
        }
        String json = SocketClient.encode(LogSocket.line(line));
        slots.set(slot, new Encoded(line, json));
        return json;
    }

    /**
     * @param field   {@code containerId} or {@code instanceId}
     * @param subject its value
     * @param lines   the batch
     * @return the {@code logs} message
     */
    String batch(String field, String subject, List<LogLine> lines) {
        return batch(field, subject, io.orbitr.engine.EngineSettings.LOCAL, lines);
    }

    /**
     * @param field   {@code containerId} or {@code instanceId}
     * @param subject its value
     * @param engine  the engine endpoint of the container, named in the message when it is not {@code local}
     * @param lines   the batch
     * @return the {@code logs} message
     */
    String batch(String field, String subject, String engine, List<LogLine> lines) {
        StringBuilder out = new StringBuilder(64 + lines.size() * 96);
        out.append("{\"type\":\"logs\",\"").append(field).append("\":").append(SocketClient.encode(subject));
        if (!engine.equals(io.orbitr.engine.EngineSettings.LOCAL)) {
            out.append(",\"engine\":").append(SocketClient.encode(engine));
        }
        out.append(",\"lines\":[");
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(line(lines.get(i)));
        }
        return out.append("]}").toString();
    }
}
