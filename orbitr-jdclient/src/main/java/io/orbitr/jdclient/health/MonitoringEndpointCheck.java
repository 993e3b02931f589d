package io.orbitr.jdclient.health;

import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.jdclient.monitoring.MonitoringClient;
import java.util.Objects;

/**
 * Asks jd-client's monitoring API ({@code GET /api/v1/health}) whether it is alive: UP when it answers
 * {@code "status": "ok"}, DOWN otherwise. Only for instances whose configuration sets {@code monitoring_address}.
 */
public final class MonitoringEndpointCheck implements HealthCheck {
    /** The check's name in results and history. */
    public static final String NAME = "monitoring";
    private final MonitoringClient client;

    /** @param client a client of the instance's monitoring API */
    public MonitoringEndpointCheck(MonitoringClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public HealthResult check() {
        String status = client.health();
        HealthResult result = "ok".equals(status) ? HealthResult.up("monitoring API answers ok")
                : HealthResult.down("monitoring API answers status '" + status + "'");
        return result.withDetail("url", client.base().resolve("/api/v1/health").toString());
    }
}
