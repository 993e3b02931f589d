package io.orbitr.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The client side of {@code orbitr bench ws}, run by the benchmark in a JVM of its own so that receiving never
 * competes with the server for one process's threads: {@code CLIENTS} WebSocket clients follow one container's log,
 * each counting into a {@link WsTally}. {@code TRANSPORT} is {@code socket} (a thread per client reading frames off a
 * plain socket, {@link SocketWsFollower}) or {@code jdk} (the JDK's WebSocket client). Prints {@code ready} once every
 * client's subscription is acknowledged (a pong sent after the subscribe), then one JSON summary line once every
 * client has seen the end marker.
 *
 * <p>Usage: {@code WsBenchClient TRANSPORT URL TOKEN CONTAINER CLIENTS END_MARKER WARMUP_MILLIS [BOUND_SECONDS]};
 * delays are recorded from {@code WARMUP_MILLIS} after each client's first line on (every line is counted). The
 * summary is printed after the bound (default 5 minutes) even when some client has not seen the end, and the lines it
 * misses are counted.
 */
public final class WsBenchClient {
    private static final Duration BOUND = Duration.ofMinutes(5);

    private WsBenchClient() {
    }

    /**
     * @param args transport, URL, token, container, client count, end marker, optional bound in seconds
     * @throws Exception when a client cannot connect or the run does not end within the bound
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 7 || args.length > 8 || !List.of("socket", "jdk").contains(args[0])) {
            System.err.println("usage: WsBenchClient socket|jdk URL TOKEN CONTAINER CLIENTS END_MARKER WARMUP_MILLIS"
                    + " [BOUND_SECONDS]");
            System.exit(2);
        }
        boolean jdk = args[0].equals("jdk");
        URI uri = URI.create(args[1]);
        String token = args[2];
        String subscribe = "{\"type\":\"subscribe_logs\",\"containerId\":\"" + args[3] + "\",\"tail\":0}";
        int count = Integer.parseInt(args[4]);
        String endMarker = args[5];
        long warmupMillis = Long.parseLong(args[6]);
        Duration bound = args.length > 7 ? Duration.ofSeconds(Long.parseLong(args[7])) : BOUND;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

        CountDownLatch subscribed = new CountDownLatch(count);
        CountDownLatch ended = new CountDownLatch(count);
        List<WsTally> tallies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tallies.add(new WsTally(endMarker, warmupMillis, subscribed, ended));
        }
        Runnable close = jdk ? jdkClients(uri, token, subscribe, tallies) : socketClients(uri, token, subscribe, tallies);
        if (!subscribed.await(30, TimeUnit.SECONDS)) {
            System.err.println("not every client was acknowledged within 30 s");
            System.exit(1);
        }
        out.println("ready");
        if (!ended.await(bound.toSeconds(), TimeUnit.SECONDS)) {
            System.err.println("not every client saw the end marker within " + bound);
        }
        out.println(summary(tallies));
        close.run();
        System.exit(0);
    }

    /** Starts a thread per client; returns what closes them. */
    private static Runnable socketClients(URI uri, String token, String subscribe, List<WsTally> tallies)
            throws Exception {
        List<SocketWsFollower> followers = new ArrayList<>();
        for (WsTally tally : tallies) {
            SocketWsFollower follower = new SocketWsFollower(uri, token, subscribe, tally);
            follower.connect();
            Thread thread = new Thread(follower, "ws-bench-client-" + followers.size());
            thread.setDaemon(true);
            thread.start();
            followers.add(follower);
        }
        return () -> followers.forEach(SocketWsFollower::close);
    }

    /** Connects the JDK's clients, spread over several HTTP clients; returns what closes them. */
    private static Runnable jdkClients(URI uri, String token, String subscribe, List<WsTally> tallies)
            throws Exception {
        // Several HTTP clients, so that several selector threads read the sockets.
        int selectors = Math.max(1, Math.min(4, tallies.size() / 25));
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(2, selectors), r -> {
            Thread thread = new Thread(r, "ws-bench-client");
            thread.setDaemon(true);
            return thread;
        });
        List<HttpClient> https = new ArrayList<>();
        for (int i = 0; i < selectors; i++) {
            https.add(HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10)).build());
        }
        List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
        for (int i = 0; i < tallies.size(); i++) {
            sockets.add(https.get(i % selectors).newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, new JdkWsFollower(tallies.get(i)))
                    .thenCompose(ws -> ws.sendText(subscribe, true))
                    .thenCompose(ws -> ws.sendText("{\"type\":\"ping\"}", true)));
        }
        for (CompletableFuture<WebSocket> socket : sockets) {
            socket.get(30, TimeUnit.SECONDS);
        }
        return () -> sockets.forEach(socket -> socket.join().sendClose(WebSocket.NORMAL_CLOSURE, "done"));
    }

    private static String summary(List<WsTally> tallies) throws Exception {
        // Every line carries its batch's delay: a weighted percentile over (delay, lines) pairs.
        long[] delays = new long[0];
        long[] weights = new long[0];
        long total = 0;
        List<Long> lines = new ArrayList<>();
        List<Long> lost = new ArrayList<>();
        long endedCount = 0;
        long warmupWorst = 0;
        for (WsTally tally : tallies) {
            warmupWorst = Math.max(warmupWorst, tally.warmupWorst());
            long[] own = tally.delays();
            long[] ownWeights = tally.weights();
            int at = delays.length;
            delays = Arrays.copyOf(delays, at + own.length);
            weights = Arrays.copyOf(weights, at + own.length);
            System.arraycopy(own, 0, delays, at, own.length);
            System.arraycopy(ownWeights, 0, weights, at, own.length);
            for (long weight : ownWeights) {
                total += weight;
            }
            lines.add(tally.lines());
            lost.add(tally.lost());
            endedCount += tally.endSeen() ? 1 : 0;
        }
        int at = delays.length;
        long[] sortedDelays = delays;
        Integer[] order = new Integer[at];
        for (int i = 0; i < at; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(sortedDelays[a], sortedDelays[b]));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", tallies.size());
        out.put("lines", lines);
        out.put("lost", lost);
        out.put("ended", endedCount);
        out.put("p50", percentile(order, delays, weights, total, 0.50));
        out.put("p99", percentile(order, delays, weights, total, 0.99));
        out.put("max", at == 0 ? 0 : delays[order[at - 1]]);
        out.put("batches", at);
        out.put("warmupMax", warmupWorst);
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
}
