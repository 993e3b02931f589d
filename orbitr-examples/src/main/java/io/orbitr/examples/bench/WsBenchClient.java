package io.orbitr.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The client side of {@code orbitr bench ws}, run by the benchmark in a JVM of its own so that receiving never
 * competes with the server for one process's threads: {@code CLIENTS} JDK WebSocket clients follow one container's
 * log. A message is never parsed as JSON: lines are counted by their {@code {"id":} opening, the delay is taken from
 * the first (oldest) line of each batch and counted for every line of the batch, and LOST events are read by their
 * count. Prints {@code ready} once every client's subscription is acknowledged (a pong sent after the subscribe), then
 * one JSON summary line once every client has seen the end marker.
 *
 * <p>Usage: {@code WsBenchClient URL TOKEN CONTAINER CLIENTS END_MARKER [BOUND_SECONDS]}; the summary is printed after
 * the bound (default 5 minutes) even when some client has not seen the end, and the lines it misses are counted.
 */
public final class WsBenchClient {
    private static final String LINE = "{\"id\":";
    private static final String TS = "\"ts\":\"";
    private static final Duration BOUND = Duration.ofMinutes(5);

    private WsBenchClient() {
    }

    /**
     * @param args URL, token, container, client count, end marker
     * @throws Exception when a client cannot connect or the run does not end within 5 minutes
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 5 || args.length > 6) {
            System.err.println("usage: WsBenchClient URL TOKEN CONTAINER CLIENTS END_MARKER [BOUND_SECONDS]");
            System.exit(2);
        }
        URI uri = URI.create(args[0]);
        String token = args[1];
        String container = args[2];
        int count = Integer.parseInt(args[3]);
        String endMarker = args[4];
        Duration bound = args.length > 5 ? Duration.ofSeconds(Long.parseLong(args[5])) : BOUND;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

        // Several HTTP clients, so that several selector threads read the sockets.
        int selectors = Math.max(1, Math.min(4, count / 25));
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(2, selectors), r -> {
            Thread thread = new Thread(r, "ws-bench-client");
            thread.setDaemon(true);
            return thread;
        });
        List<HttpClient> https = new ArrayList<>();
        for (int i = 0; i < selectors; i++) {
            https.add(HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10)).build());
        }
        CountDownLatch subscribed = new CountDownLatch(count);
        CountDownLatch ended = new CountDownLatch(count);
        List<Follower> followers = new ArrayList<>();
        List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Follower follower = new Follower(endMarker, subscribed, ended);
            followers.add(follower);
            sockets.add(https.get(i % selectors).newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, follower)
                    .thenCompose(ws -> ws.sendText("{\"type\":\"subscribe_logs\",\"containerId\":\"" + container
                            + "\",\"tail\":0}", true))
                    .thenCompose(ws -> ws.sendText("{\"type\":\"ping\"}", true)));
        }
        for (CompletableFuture<WebSocket> socket : sockets) {
            socket.get(30, TimeUnit.SECONDS);
        }
        if (!subscribed.await(30, TimeUnit.SECONDS)) {
            System.err.println("not every client was acknowledged within 30 s");
            System.exit(1);
        }
        out.println("ready");
        if (!ended.await(bound.toSeconds(), TimeUnit.SECONDS)) {
            System.err.println("not every client saw the end marker within " + bound);
        }
        out.println(summary(followers));
        for (CompletableFuture<WebSocket> socket : sockets) {
            socket.join().sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        System.exit(0);
    }

    private static String summary(List<Follower> followers) throws Exception {
        // Every line carries its batch's delay: a weighted percentile over (delay, lines) pairs.
        long[] delays = new long[0];
        long[] weights = new long[0];
        long total = 0;
        int at = 0;
        List<Long> lines = new ArrayList<>();
        List<Long> lost = new ArrayList<>();
        long endedCount = 0;
        for (Follower follower : followers) {
            synchronized (follower) {
                delays = Arrays.copyOf(delays, at + follower.delayCount);
                weights = Arrays.copyOf(weights, at + follower.delayCount);
                for (int i = 0; i < follower.delayCount; i++) {
                    delays[at] = follower.delays[i];
                    weights[at] = follower.weights[i];
                    total += weights[at];
                    at++;
                }
                lines.add(follower.lines);
                lost.add(follower.lost);
                endedCount += follower.ended ? 1 : 0;
            }
        }
        long[] sortedDelays = delays;
        Integer[] order = new Integer[at];
        for (int i = 0; i < at; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(sortedDelays[a], sortedDelays[b]));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", followers.size());
        out.put("lines", lines);
        out.put("lost", lost);
        out.put("ended", endedCount);
        out.put("p50", percentile(order, delays, weights, total, 0.50));
        out.put("p99", percentile(order, delays, weights, total, 0.99));
        out.put("max", at == 0 ? 0 : delays[order[at - 1]]);
        out.put("batches", at);
        return new ObjectMapper().writeValueAsString(out);
    }

    private static long percentile(Integer[] order, long[] delays, long[] weights, long total, double q) {
        long wanted = (long) Math.ceil(q * total);
        long seen = 0;
        for (Integer i : order) {
            seen += weights[i];
            if (seen >= wanted) {
                return delays[i];
            }
        }
        return 0;
    }

    /** One client: counts lines and LOST counts, records each batch's oldest delay. */
    private static final class Follower implements WebSocket.Listener {
        private final String endMarker;
        private final CountDownLatch subscribedLatch;
        private final CountDownLatch endedLatch;
        private final StringBuilder partial = new StringBuilder();
        private long lines;
        private long lost;
        private boolean acknowledged;
        private volatile boolean endSeen;
        private boolean ended;
        private long[] delays = new long[4096];
        private long[] weights = new long[4096];
        private int delayCount;

        Follower(String endMarker, CountDownLatch subscribed, CountDownLatch ended) {
            this.endMarker = endMarker;
            this.subscribedLatch = subscribed;
            this.endedLatch = ended;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.currentTimeMillis();
            String message;
            if (!last) {
                partial.append(data);
                webSocket.request(1);
                return null;
            }
            if (partial.length() > 0) {
                message = partial.append(data).toString();
                partial.setLength(0);
            } else {
                message = data.toString();
            }
            synchronized (this) {
                handle(message, now);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String message, long now) {
            if (message.startsWith("{\"type\":\"logs\"")) {
                int count = 0;
                int first = message.indexOf(LINE);
                for (int i = first; i >= 0; i = message.indexOf(LINE, i + LINE.length())) {
                    count++;
                }
                if (count == 0) {
                    return;
                }
                if (message.contains(endMarker)) {
                    count--;
                    if (!ended) {
                        ended = true;
                        endSeen = true;
                        endedLatch.countDown();
                    }
                }
                lines += count;
                int ts = message.indexOf(TS, first);
                if (ts >= 0 && count > 0) {
                    int start = ts + TS.length();
                    long sent = Instant.parse(message.substring(start, message.indexOf('"', start))).toEpochMilli();
                    record(now - sent, count);
                }
            } else if (message.contains("\"event\":\"LOST\"")) {
                lost += number(message, "\"count\":");
            } else if (message.startsWith("{\"type\":\"pong\"") && !acknowledged) {
                acknowledged = true;
                subscribedLatch.countDown();
            } else if (message.startsWith("{\"type\":\"error\"")) {
                System.err.println("server error: " + message);
            }
        }

        private void record(long delay, long weight) {
            if (delayCount == delays.length) {
                delays = Arrays.copyOf(delays, delays.length * 2);
                weights = Arrays.copyOf(weights, weights.length * 2);
            }
            delays[delayCount] = delay;
            weights[delayCount] = weight;
            delayCount++;
        }

        private static long number(String message, String key) {
            int at = message.indexOf(key);
            if (at < 0) {
                return 0;
            }
            int start = at + key.length();
            int end = start;
            while (end < message.length() && Character.isDigit(message.charAt(end))) {
                end++;
            }
            return end > start ? Long.parseLong(message.substring(start, end)) : 0;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (!endSeen) {
                System.err.println("a client was closed before the end: " + statusCode + " " + reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            System.err.println("a client failed: " + error);
        }
    }
}
