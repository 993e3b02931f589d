package io.orbitr.examples.server;

import io.orbitr.InvalidValueException;
import io.orbitr.core.Orbitr;
import io.orbitr.metrics.Resolution;
import io.orbitr.metrics.StatsPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/containers/{id}/stats/history}: a container's recorded stats by minute, hour or day (or every
 * sample), between {@code from} (default: 24 hours before {@code to}) and {@code to} (default: now).
 */
final class ContainerStatsHistory {

    private ContainerStatsHistory() {
    }

    /**
     * @param orbitr the platform
     * @param call   the request
     * @return the body: {@code {container, resolution, from, to, items: [StatsPoint...]}}
     */
    static Map<String, Object> answer(Orbitr orbitr, Call call) {
        Resolution resolution = Resolution.parse(call.query("resolution").orElse("minute"));
        Instant to = call.instant("to").orElse(orbitr.clock().instant());
        Instant from = call.instant("from").orElse(to.minus(Duration.ofDays(1)));
        if (!from.isBefore(to)) {
            throw new InvalidValueException("from", from, "must be before to (" + to + ")");
        }
        List<StatsPoint> points = orbitr.statsHistory().history(call.path("id"), resolution, from, to);
        return Map.of("container", call.path("id"), "resolution", resolution.name().toLowerCase(java.util.Locale.ROOT),
                "from", from, "to", to, "items", points);
    }
}
