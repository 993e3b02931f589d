package io.orbitr.jdclient.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The figures of one scrape of jd-client's monitoring API: from {@code /api/v1/global} (uptime, channels,
 * hashrates, clients) and {@code /metrics} (share counters). A figure jd-client did not report is empty.
 *
 * @param uptimeSeconds  seconds since jd-client started
 * @param serverHashrate hashrate of the upstream channels, H/s
 * @param serverChannels upstream channels open
 * @param clients        downstream clients connected
 * @param clientChannels downstream channels open
 * @param clientHashrate hashrate of the downstream channels, H/s
 * @param sharesAccepted shares accepted upstream, a running total
 * @param sharesRejected shares rejected upstream, a running total
 */
public record MonitoringSnapshot(OptionalDouble uptimeSeconds, OptionalDouble serverHashrate,
        OptionalDouble serverChannels, OptionalDouble clients, OptionalDouble clientChannels,
        OptionalDouble clientHashrate, OptionalDouble sharesAccepted, OptionalDouble sharesRejected) {

    /** Refuses nulls. */
    public MonitoringSnapshot {
        Objects.requireNonNull(uptimeSeconds, "uptimeSeconds");
        Objects.requireNonNull(serverHashrate, "serverHashrate");
        Objects.requireNonNull(serverChannels, "serverChannels");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(clientChannels, "clientChannels");
        Objects.requireNonNull(clientHashrate, "clientHashrate");
        Objects.requireNonNull(sharesAccepted, "sharesAccepted");
        Objects.requireNonNull(sharesRejected, "sharesRejected");
    }

    /**
     * @param prefix a prefix for the names, for example {@code monitoring.}
     * @return the figures that were reported, by name: uptime_seconds, server_hashrate, server_channels, clients,
     *     client_channels, client_hashrate, shares_accepted, shares_rejected
     */
    public Map<String, Double> figures(String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        put(out, prefix + "uptime_seconds", uptimeSeconds);
        put(out, prefix + "server_hashrate", serverHashrate);
        put(out, prefix + "server_channels", serverChannels);
        put(out, prefix + "clients", clients);
        put(out, prefix + "client_channels", clientChannels);
        put(out, prefix + "client_hashrate", clientHashrate);
        put(out, prefix + "shares_accepted", sharesAccepted);
        put(out, prefix + "shares_rejected", sharesRejected);
        return out;
    }

    private static void put(Map<String, Double> out, String name, OptionalDouble value) {
        value.ifPresent(v -> out.put(name, v));
    }
}
