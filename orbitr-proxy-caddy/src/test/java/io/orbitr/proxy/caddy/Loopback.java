package io.orbitr.proxy.caddy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/** Loopback helpers for the tests that run a real Caddy: free ports, raw HTTP requests with any Host, bounded waits. */
final class Loopback {

    /**
     * @param status the HTTP status, or -1 when nothing answered
     * @param body   the response body
     */
    record Response(int status, String body) {
    }

    private Loopback() {
    }

    /** @return a port nothing listens on right now */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends {@code GET path} with the given Host header over HTTP/1.0 (so the answer is never chunked). A raw socket,
     * because java.net.http refuses to set Host.
     */
    static Response get(int port, String host, String path) {
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
            int status = Integer.parseInt(response.substring(9, 12));
            return new Response(status, response.substring(end + 4));
        } catch (IOException e) {
            return new Response(-1, e.toString());
        }
    }

    /** Polls until the condition holds, at most for the bound; fails naming what was awaited. */
    static void await(Duration bound, String what, Supplier<Boolean> condition) {
        io.orbitr.testing.Await.until(what, bound, condition::get);
    }
}
