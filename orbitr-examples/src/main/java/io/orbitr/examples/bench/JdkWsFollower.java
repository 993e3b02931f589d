package io.orbitr.examples.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;

/** One benchmark client on the JDK's WebSocket: hands each whole text message to its tally. */
final class JdkWsFollower implements WebSocket.Listener {
    private final WsTally tally;
    private final StringBuilder partial = new StringBuilder();

    JdkWsFollower(WsTally tally) {
        this.tally = tally;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.currentTimeMillis();
        if (!last) {
            partial.append(data);
            webSocket.request(1);
            return null;
        }
        String message;
        if (partial.length() > 0) {
            message = partial.append(data).toString();
            partial.setLength(0);
        } else {
            message = data.toString();
        }
        tally.message(message, now);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!tally.endSeen()) {
            System.err.println("a client was closed before the end: " + statusCode + " " + reason);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        System.err.println("a client failed: " + error);
    }
}
