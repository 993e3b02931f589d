package io.orbitr.jdclient.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * jd-client's monitoring API as the fake serves it: {@code /api/v1/health}, {@code /api/v1/global} in the OpenAPI
 * description's shape, and {@code /metrics} in Prometheus text with one series per channel. Fixed figures, so tests
 * can assert them.
 */
public final class FakeMonitoringApi implements AutoCloseable {
    /** Shares accepted over both channels. */
    public static final double SHARES_ACCEPTED = 120;
    /** Shares rejected over both channels. */
    public static final double SHARES_REJECTED = 2;
    /** The server channels' total hashrate. */
    public static final double SERVER_HASHRATE = 1.5e12;
    private final HttpServer server;
    private final long startedAt = System.currentTimeMillis();

    private FakeMonitoringApi(HttpServer server) {
        this.server = server;
    }

    /**
     * @param address where to listen
     * @return the running API
     * @throws IOException when the address cannot be bound
     */
    public static FakeMonitoringApi start(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        FakeMonitoringApi api = new FakeMonitoringApi(server);
        server.createContext("/api/v1/health", e -> api.send(e, "application/json",
                "{\"status\":\"ok\",\"timestamp\":" + Instant.now().getEpochSecond() + "}"));
        server.createContext("/api/v1/global", e -> api.send(e, "application/json", "{\"server\":{\"total_channels\":2,"
                + "\"extended_channels\":2,\"standard_channels\":0,\"total_hashrate\":" + SERVER_HASHRATE + "},"
                + "\"sv2_clients\":{\"total_clients\":3,\"total_channels\":4,\"extended_channels\":1,"
                + "\"standard_channels\":3,\"total_hashrate\":1.2e12},\"sv1_clients\":null,\"uptime_secs\":"
                + api.uptime() + "}"));
        server.createContext("/metrics", e -> api.send(e, "text/plain; version=0.0.4",
                "# HELP sv2_uptime_seconds Uptime\n# TYPE sv2_uptime_seconds gauge\nsv2_uptime_seconds " + api.uptime()
                        + "\nsv2_server_hashrate_total " + SERVER_HASHRATE
                        + "\nsv2_server_shares_accepted_total{channel_id=\"1\",user_identity=\"a\"} 100"
                        + "\nsv2_server_shares_accepted_total{channel_id=\"2\",user_identity=\"b\"} 20"
                        + "\nsv2_server_shares_rejected_total{channel_id=\"1\",user_identity=\"a\"} 2"
                        + "\nsv2_clients_total 3\n"));
        server.start();
        return api;
    }

    /** @return the bound port */
    public int port() {
        return server.getAddress().getPort();
    }

    private long uptime() {
        return (System.currentTimeMillis() - startedAt) / 1000;
    }

    private void send(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
