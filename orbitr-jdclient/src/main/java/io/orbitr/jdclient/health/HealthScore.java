package io.orbitr.jdclient.health;

import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import java.util.Map;

/**
 * Folds a jd-client instance's check results into one 0-100 score:
 * <ul>
 *   <li>each check has a weight: process 40, log-pattern 30, monitoring 15, memory 15 (another name: 10);</li>
 *   <li>UP earns the whole weight, PENDING and UNKNOWN half of it, DOWN nothing; PAUSED checks and checks that did
 *       not run are left out and the remaining weights scale to 100;</li>
 *   <li>a dead process scores 0 whatever the others say.</li>
 * </ul>
 */
public final class HealthScore {
    private static final Map<String, Integer> WEIGHTS = Map.of(ProcessAliveCheck.NAME, 40, LogPatternCheck.NAME, 30,
            MonitoringEndpointCheck.NAME, 15, MemoryLimitCheck.NAME, 15);
    private static final int OTHER_WEIGHT = 10;

    private HealthScore() {
    }

    /**
     * @param results the latest result of each check, by check name
     * @return the score, 0 to 100; 0 when no check counted
     */
    public static int of(Map<String, HealthResult> results) {
        HealthResult process = results.get(ProcessAliveCheck.NAME);
        if (process != null && process.status() == HealthStatus.DOWN) {
            return 0;
        }
        double earned = 0;
        double possible = 0;
        for (Map.Entry<String, HealthResult> e : results.entrySet()) {
            HealthStatus status = e.getValue().status();
            if (status == HealthStatus.PAUSED) {
                continue;
            }
            int weight = WEIGHTS.getOrDefault(e.getKey(), OTHER_WEIGHT);
            possible += weight;
            earned += switch (status) {
                case UP -> weight;
                case PENDING, UNKNOWN -> weight / 2.0;
                default -> 0;
            };
        }
        return possible == 0 ? 0 : (int) Math.round(100 * earned / possible);
    }
}
