package io.orbitr.jdclient.health;

import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One round of an instance's health checks.
 *
 * @param instanceId the instance
 * @param checkedAt  when the round started
 * @param checks     each check's result, by check name
 * @param score      the {@link HealthScore}, 0 to 100
 */
public record HealthReport(String instanceId, Instant checkedAt, Map<String, HealthResult> checks, int score) {

    /** Refuses nulls and freezes the results. */
    public HealthReport {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(checkedAt, "checkedAt");
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    }

    /** @return the worst status among the checks, UNKNOWN when none ran */
    public HealthStatus status() {
        return checks.values().stream().map(HealthResult::status).reduce(HealthStatus::worst)
                .orElse(HealthStatus.UNKNOWN);
    }
}
