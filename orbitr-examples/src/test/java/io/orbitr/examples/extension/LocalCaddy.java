package io.orbitr.examples.extension;

import io.orbitr.proxy.ProxySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code caddy run} on loopback with only its admin API, for the proxy manager to load routes into (used by
 * the extension tests and the dashboard's browser tests).
 */
public final class LocalCaddy implements AutoCloseable {
    /** @param status HTTP status, -1 when nothing answered @param body the body */
    public record Response(int status, String body) {
    }

    private final Process process;
    private final Path log;
    /** The port of Caddy's admin API. */
    public final int adminPort;

    private LocalCaddy(Process process, Path log, int adminPort) {
        this.process = process;
        this.log = log;
        this.adminPort = adminPort;
    }

    /** @param directory where its configuration, home and log go @return a running Caddy, its admin API up */
    public static LocalCaddy start(Path directory) throws IOException {
        int admin = freePort();
        Path home = Files.createDirectories(directory.resolve("caddy-home"));
        Path config = directory.resolve("boot.Caddyfile");
        Files.writeString(config, "{\n\tadmin 127.0.0.1:" + admin + "\n}\n");
        Path log = directory.resolve("caddy.log");
        ProcessBuilder builder = new ProcessBuilder("caddy", "run", "--config", config.toString(), "--adapter",
                "caddyfile").redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        LocalCaddy caddy = new LocalCaddy(builder.start(), log, admin);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (get(admin, "127.0.0.1:" + admin, "/config/").status() != 200) {
            if (!caddy.process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("caddy did not start:\n" + Files.readString(log));
            }
            sleep();
        }
        return caddy;
    }

    /**
     * @param domain          the routes' default domain
     * @param httpPort        the loopback port Caddy serves the routes on
     * @param outputDirectory where the proxy manager writes its files
     * @return proxy settings that load routes into this Caddy through its admin API
     */
    public ProxySettings proxySettings(String domain, int httpPort, Path outputDirectory) {
        return ProxySettings.builder().provider("caddy").defaultDomain(domain).httpPort(httpPort)
                .bindAddress("127.0.0.1").adminAddress("127.0.0.1:" + adminPort).outputDirectory(outputDirectory)
                .build();
    }

    /** @return a loopback port free right now */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** GET over HTTP/1.0 with any Host header (java.net.http refuses to set Host). */
    public static Response get(int port, String host, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/") || end < 0) {
                return new Response(-1, response);
            }
            return new Response(Integer.parseInt(response.substring(9, 12)), response.substring(end + 4));
        } catch (IOException e) {
            return new Response(-1, e.toString());
        }
    }

    /** @return what Caddy wrote */
    public String log() throws IOException {
        return Files.readString(log);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
