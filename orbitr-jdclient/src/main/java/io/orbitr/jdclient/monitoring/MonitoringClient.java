package io.orbitr.jdclient.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orbitr.InvalidValueException;
import io.orbitr.UnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Reads the monitoring HTTP API that jd-client serves when its configuration sets {@code monitoring_address}:
 * {@code GET /api/v1/health} for liveness, {@code GET /api/v1/global} and {@code GET /metrics} for figures.
 * Every request is bounded by the timeout. Thread-safe.
 */
public final class MonitoringClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param base    the API's base URI, for example {@code http://127.0.0.1:9090}
     * @param timeout the bound on each request
     */
    public MonitoringClient(URI base, Duration timeout) {
        this.base = Objects.requireNonNull(base, "base");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * @param monitoringAddress the configuration's {@code monitoring_address}, "IP:port"
     * @return the URI to reach it from this host: a wildcard address (0.0.0.0, [::]) is reached on loopback
     */
    public static URI baseFor(String monitoringAddress) {
        int colon = monitoringAddress.lastIndexOf(':');
        if (colon < 0) {
            throw new InvalidValueException("monitoring_address", monitoringAddress, "must be IP:port");
        }
        String host = monitoringAddress.substring(0, colon);
        String port = monitoringAddress.substring(colon + 1);
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        } else if (host.equals("[::]")) {
            host = "[::1]";
        }
        return URI.create("http://" + host + ":" + port);
    }

    /** @return the base URI */
    public URI base() {
        return base;
    }

    /**
     * @return the health endpoint's {@code status} field ({@code ok} when jd-client is alive)
     * @throws UnavailableException when the API does not answer 200 in time
     */
    public String health() {
        return json("/api/v1/health").path("status").asText("");
    }

    /**
     * Scrapes {@code /api/v1/global} and {@code /metrics}. Either may be missing (older jd-client builds); what
     * one does not report is taken from the other where possible.
     *
     * @return the figures
     * @throws UnavailableException when neither endpoint answers
     */
    public MonitoringSnapshot snapshot() {
        JsonNode global = null;
        Map<String, Double> prometheus = Map.of();
        UnavailableException failure = null;
        try {
            global = json("/api/v1/global");
        } catch (UnavailableException e) {
            failure = e;
        }
        try {
            prometheus = PrometheusText.sums(get("/metrics"));
        } catch (UnavailableException e) {
            if (global == null) {
                e.addSuppressed(failure);
                throw e;
            }
        }
        JsonNode g = global == null ? JSON.createObjectNode() : global;
        return new MonitoringSnapshot(
                or(number(g.path("uptime_secs")), fromMap(prometheus, "sv2_uptime_seconds")),
                or(number(g.path("server").path("total_hashrate")), fromMap(prometheus, "sv2_server_hashrate_total")),
                number(g.path("server").path("total_channels")),
                or(number(g.path("sv2_clients").path("total_clients")), fromMap(prometheus, "sv2_clients_total")),
                number(g.path("sv2_clients").path("total_channels")),
                number(g.path("sv2_clients").path("total_hashrate")),
                fromMap(prometheus, "sv2_server_shares_accepted_total"),
                fromMap(prometheus, "sv2_server_shares_rejected_total"));
    }

    private static OptionalDouble or(OptionalDouble first, OptionalDouble second) {
        return first.isPresent() ? first : second;
    }

    private JsonNode json(String path) {
        try {
            return JSON.readTree(get(path));
        } catch (IOException e) {
            throw new UnavailableException("jd-client's monitoring API at " + base + path + " answered with"
                    + " something that is not JSON: " + e.getMessage(), e);
        }
    }

    private String get(String path) {
        URI uri = base.resolve(path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new UnavailableException("jd-client's monitoring API at " + uri + " answered "
                        + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UnavailableException("jd-client's monitoring API at " + uri + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while reading " + uri, e);
        }
    }

    private static OptionalDouble number(JsonNode node) {
        return node.isNumber() ? OptionalDouble.of(node.asDouble()) : OptionalDouble.empty();
    }

    private static OptionalDouble fromMap(Map<String, Double> values, String name) {
        Double value = values.get(name);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
