package io.orbitr.jdclient.health;

import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a set of checks one after the other, stamping each result with its start time and duration and turning an
 * exception into DOWN with the error as the message. (Each of the jd-client checks bounds its own time: HTTP
 * timeouts, local reads.) Once the platform's general health monitor runs these checks, it takes over this role.
 */
public final class CheckRunner {

    private CheckRunner() {
    }

    /**
     * @param instanceId the instance the checks belong to
     * @param checks     the checks, by name
     * @param clock      stamps the results
     * @return the report
     */
    public static HealthReport run(String instanceId, Map<String, HealthCheck> checks, Clock clock) {
        Instant round = clock.instant();
        Map<String, HealthResult> results = new LinkedHashMap<>();
        checks.forEach((name, check) -> {
            Instant started = clock.instant();
            long began = System.nanoTime();
            HealthResult result;
            try {
                result = check.check();
            } catch (Exception e) {
                result = HealthResult.down(e.getMessage() == null ? e.toString() : e.getMessage())
                        .withDetail("error", e.getClass().getSimpleName());
            }
            results.put(name, result.timed(started, Duration.ofNanos(System.nanoTime() - began)));
        });
        return new HealthReport(instanceId, round, results, HealthScore.of(results));
    }
}
