package io.orbitr.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test WebSocket client (the JDK's): collects every message; reads only when asked if built {@code paused}. */
final class WsClient implements WebSocket.Listener, AutoCloseable {
    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean paused;
    volatile int closeCode = -1;
    volatile String closeReason = "";
    private WebSocket socket;

    private WsClient(boolean paused) {
        this.paused = paused;
    }

    static WsClient connect(URI server, String token, Map<String, String> headers, boolean paused) {
        WsClient client = new WsClient(paused);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        URI ws = URI.create(server.toString().replaceFirst("^http", "ws")).resolve("/ws");
        client.socket = builder.buildAsync(ws, client).join();
        return client;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (!paused) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(ApiClient.JSON.readTree(partial.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        closeReason = reason;
        return null;
    }

    /** Starts reading a paused client. */
    void resume() {
        socket.request(1);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void send(Map<String, Object> message) {
        try {
            send(ApiClient.JSON.writeValueAsString(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the next message that matches, within the bound; earlier ones are dropped */
    JsonNode await(Predicate<JsonNode> wanted, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        List<JsonNode> seen = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode next = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no matching message within " + bound + "; saw " + seen.subList(
                        Math.max(0, seen.size() - 5), seen.size()));
            }
            if (wanted.test(next)) {
                return next;
            }
            seen.add(next);
        }
    }

    JsonNode awaitType(String type) throws InterruptedException {
        return await(m -> m.path("type").asText().equals(type), Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        socket.abort();
    }
}
