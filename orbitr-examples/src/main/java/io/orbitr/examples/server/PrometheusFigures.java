package io.orbitr.examples.server;

import io.orbitr.core.Orbitr;
import io.orbitr.health.HealthStatus;
import io.orbitr.Page;
import io.orbitr.health.TargetStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * {@code GET /metrics}: Prometheus's text format, as Uptime Kuma offers it: each health target's status and last
 * response time, the stream hub's open streams, the WebSocket clients and the jd-client instances.
 */
final class PrometheusFigures {
    private final Orbitr orbitr;
    private final IntSupplier webSocketClients;
    private final JdcEndpoints jdc;

    PrometheusFigures(Orbitr orbitr, IntSupplier webSocketClients, JdcEndpoints jdc) {
        this.orbitr = orbitr;
        this.webSocketClients = webSocketClients;
        this.jdc = jdc;
    }

    String render() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP orbitr_monitor_status Health target status (1 = UP, 0 = DOWN, 2 = PENDING,"
                + " 3 = PAUSED or UNKNOWN).\n# TYPE orbitr_monitor_status gauge\n");
        List<TargetStatus> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            Page<TargetStatus> page = orbitr.health().statuses(Optional.empty(), 1000, after);
            all.addAll(page.items());
            after = page.next();
        } while (after.isPresent());
        for (TargetStatus status : all) {
            out.append("orbitr_monitor_status{").append(labels(status)).append("} ").append(code(status.status()))
                    .append('\n');
        }
        out.append("# HELP orbitr_monitor_response_time_ms The last check's duration in milliseconds.\n"
                + "# TYPE orbitr_monitor_response_time_ms gauge\n");
        for (TargetStatus status : all) {
            status.last().ifPresent(last -> out.append("orbitr_monitor_response_time_ms{").append(labels(status))
                    .append("} ").append(last.duration().toMillis()).append('\n'));
        }
        out.append("# HELP orbitr_streams_open Shared log and stats streams open in the stream hub.\n"
                + "# TYPE orbitr_streams_open gauge\norbitr_streams_open ").append(orbitr.streams().openStreams())
                .append('\n');
        out.append("# HELP orbitr_websocket_clients WebSocket clients connected.\n"
                + "# TYPE orbitr_websocket_clients gauge\norbitr_websocket_clients ")
                .append(webSocketClients.getAsInt()).append('\n');
        jdc.figures(out);
        return out.toString();
    }

    private static int code(HealthStatus status) {
        return switch (status) {
            case UP -> 1;
            case DOWN -> 0;
            case PENDING -> 2;
            default -> 3;
        };
    }

    private static String labels(TargetStatus status) {
        return "id=\"" + escape(status.id()) + "\",name=\"" + escape(status.name()) + "\",group=\""
                + escape(status.group()) + "\"";
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
