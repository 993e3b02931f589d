package io.orbitr.jdclient.update;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for GitHub on 127.0.0.1: the releases API of stratum-mining/sv2-apps in GitHub's JSON shape,
 * and asset downloads that redirect to a second path as GitHub's do. Assets can be cut short or stalled.
 */
final class FakeGitHub implements AutoCloseable {
    /** How an asset's bytes are sent. */
    enum Delivery {
        /** All of them. */
        FULL,
        /** Half of them, then the connection closes although the Content-Length promised more. */
        TRUNCATED,
        /** Half of them, then nothing until the server closes. */
        STALLED
    }

    private static final String RELEASES = "/repos/stratum-mining/sv2-apps/releases";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<FakeRelease> releases = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger downloads = new AtomicInteger();

    FakeGitHub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext(RELEASES, this::api);
        server.createContext("/download/", exchange -> {
            exchange.getResponseHeaders().add("Location", "/objects/" + exchange.getRequestURI().getPath()
                    .substring("/download/".length()));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/objects/", this::object);
        server.start();
    }

    URI apiBaseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Publishes a release; later releases are listed first, as GitHub lists the newest first. */
    FakeRelease release(String tag) {
        FakeRelease release = new FakeRelease(tag);
        releases.add(0, release);
        return release;
    }

    int downloads() {
        return downloads.get();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** A release being described. */
    final class FakeRelease {
        private final String tag;
        private final List<Map<String, Object>> assets = new ArrayList<>();
        private boolean prerelease;
        private boolean draft;

        private FakeRelease(String tag) {
            this.tag = tag;
        }

        FakeRelease prerelease() {
            prerelease = true;
            return this;
        }

        FakeRelease draft() {
            draft = true;
            return this;
        }

        /** An asset with its true digest. */
        FakeRelease asset(String name, byte[] content) {
            return asset(name, content, "sha256:" + sha256(content));
        }

        /** An asset with the given digest, or none when it is null (GitHub's JSON null). */
        FakeRelease asset(String name, byte[] content, String digest) {
            String path = tag + "/" + name;
            objects.put(path, content);
            Map<String, Object> asset = new LinkedHashMap<>();
            asset.put("name", name);
            asset.put("size", content.length);
            asset.put("browser_download_url", apiBaseUrl() + "/download/" + path);
            asset.put("digest", digest);
            asset.put("content_type", "application/gzip");
            assets.add(asset);
            return this;
        }

        FakeRelease delivery(String name, Delivery delivery) {
            deliveries.put(tag + "/" + name, delivery);
            return this;
        }

        private Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("tag_name", tag);
            json.put("name", "Release " + tag);
            json.put("body", "notes for " + tag);
            json.put("draft", draft);
            json.put("prerelease", prerelease);
            json.put("published_at", draft ? null : "2026-05-0" + (1 + releases.indexOf(this) % 9) + "T12:00:00Z");
            json.put("assets", assets);
            return json;
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals(RELEASES)) {
            send(exchange, 200, JSON.writeValueAsBytes(releases.stream().map(FakeRelease::json).toList()));
        } else if (path.equals(RELEASES + "/latest")) {
            var latest = releases.stream().filter(r -> !r.draft && !r.prerelease).findFirst();
            if (latest.isPresent()) {
                send(exchange, 200, JSON.writeValueAsBytes(latest.get().json()));
            } else {
                send(exchange, 404, "{\"message\":\"Not Found\"}".getBytes());
            }
        } else {
            send(exchange, 404, "{\"message\":\"Not Found\"}".getBytes());
        }
    }

    private void object(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/objects/".length());
        byte[] content = objects.get(path);
        if (content == null) {
            send(exchange, 404, new byte[0]);
            return;
        }
        downloads.incrementAndGet();
        Delivery delivery = deliveries.getOrDefault(path, Delivery.FULL);
        if (delivery == Delivery.FULL) {
            send(exchange, 200, content);
            return;
        }
        exchange.sendResponseHeaders(200, content.length);
        OutputStream body = exchange.getResponseBody();
        body.write(content, 0, content.length / 2);
        body.flush();
        if (delivery == Delivery.STALLED) {
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Closing with bytes still owed drops the connection: the client sees the body end early.
        exchange.close();
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
