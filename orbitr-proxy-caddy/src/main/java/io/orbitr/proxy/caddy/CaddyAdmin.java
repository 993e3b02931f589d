package io.orbitr.proxy.caddy;

import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A client of Caddy's admin API on loopback, for one thing: loading a Caddyfile with {@code POST /load}. Caddy
 * adapts and applies it as a whole; when it refuses, it answers 400 with {@code {"error": "..."}} and keeps serving
 * the configuration it had, and this client reports Caddy's own words. Thread-safe.
 */
public final class CaddyAdmin {
    private final String address;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param address the admin API's loopback address and port ({@code 127.0.0.1:2019})
     * @param client  the HTTP client to send with
     * @param timeout how long to wait for Caddy to answer (loading a configuration may take a moment: it binds
     *                listeners and provisions certificates' automation)
     */
    public CaddyAdmin(String address, HttpClient client, Duration timeout) {
        this.address = Objects.requireNonNull(address, "address");
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Replaces Caddy's running configuration with a Caddyfile.
     *
     * @param caddyfile the Caddyfile text
     * @throws OrbitrException with Caddy's error text when Caddy rejects it (the last good configuration keeps
     *     serving)
     * @throws UnavailableException when the admin API does not answer in time
     */
    public void load(String caddyfile) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + "/load"))
                .timeout(timeout)
                .header("Content-Type", "text/caddyfile")
                .POST(HttpRequest.BodyPublishers.ofString(caddyfile, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UnavailableException("Caddy's admin API at " + address + " does not answer (" + e
                    + "): is Caddy running with 'admin " + address + "'?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while Caddy at " + address + " was loading a configuration", e);
        }
        if (response.statusCode() != 200) {
            throw new OrbitrException("Caddy at " + address + " rejected the configuration (HTTP "
                    + response.statusCode() + ") and keeps serving the last good one: "
                    + CaddyErrors.message(response.body()));
        }
    }
}
