package io.orbitr.jdclient.health;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthMonitor;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthTarget;
import io.orbitr.health.HistoryEntry;
import io.orbitr.Page;
import io.orbitr.health.TargetStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check results of jd-client instances, recorded through the platform's health monitor as push targets
 * {@code jdclient.INSTANCE_ID.CHECK} (group {@code jdclient:INSTANCE_ID}), so they get the monitor's states,
 * notifications, history and retention. The targets are created on an instance's first report; their watchdog is
 * off, because an instance stopped on purpose sends no reports. Without a monitor (a manager assembled by hand,
 * without the platform) nothing is stored. Thread-safe.
 */
public final class HealthHistory {
    /** The checks an instance's report may carry. */
    private static final List<String> CHECKS = List.of(ProcessAliveCheck.NAME, LogPatternCheck.NAME,
            MemoryLimitCheck.NAME, MonitoringEndpointCheck.NAME);
    private static final Logger log = LoggerFactory.getLogger(HealthHistory.class);
    private static final String GROUP = "jdclient:";
    private static final int MAX_PAGE = 10_000;
    private final Optional<HealthMonitor> health;

    /** @param health the platform's health monitor, or empty to store nothing */
    public HealthHistory(Optional<HealthMonitor> health) {
        this.health = Objects.requireNonNull(health, "health");
    }

    /**
     * Records every result of a report.
     *
     * @param report a round of checks
     */
    public void record(HealthReport report) {
        if (health.isEmpty()) {
            return;
        }
        HealthMonitor monitor = health.get();
        for (Map.Entry<String, HealthResult> e : report.checks().entrySet()) {
            String id = targetId(report.instanceId(), e.getKey());
            try {
                if (monitor.target(id).isEmpty()) {
                    add(monitor, report.instanceId(), e.getKey());
                }
                monitor.record(id, e.getValue());
            } catch (ConflictException | NotFoundException ex) {
                // Paused by a user, or removed with its instance while this round ran: nothing to record.
                log.debug("jd-client health result for '{}' not recorded: {}", id, ex.getMessage());
            }
        }
    }

    private static void add(HealthMonitor monitor, String instanceId, String check) {
        try {
            monitor.add(HealthTarget.builder(targetId(instanceId, check), CheckSpec.of(HealthMonitor.PUSH,
                            "watchdog", false))
                    .name("jd-client " + instanceId + " " + check).group(GROUP + instanceId).build());
        } catch (ConflictException e) {
            // Added by a concurrent round.
        }
    }

    /**
     * @param instanceId an instance id
     * @param from       the range's start, inclusive
     * @param to         the range's end, exclusive
     * @param limit      the most results to return (the newest are kept)
     * @return the instance's results in the range, oldest first
     */
    public List<HealthRecord> history(String instanceId, Instant from, Instant to, int limit) {
        if (limit < 1) {
            throw new InvalidValueException("limit", limit, "must be 1 or more");
        }
        if (health.isEmpty() || !from.isBefore(to)) {
            return List.of();
        }
        HealthMonitor monitor = health.get();
        monitor.flush();
        List<HealthRecord> newestFirst = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>(targetIds(monitor, instanceId));
        // Results from before this run's targets were added (a database from 0.1, an instance not started since)
        // are found by their ids: the history lives with the results, not with the target.
        CHECKS.forEach(check -> ids.add(targetId(instanceId, check)));
        for (String id : ids) {
            String check = id.substring(id.lastIndexOf('.') + 1);
            Page<HistoryEntry> page = monitor.history(id, from, to, Math.min(limit, MAX_PAGE), Optional.empty());
            page.items().forEach(entry -> newestFirst.add(new HealthRecord(instanceId, check, entry.result())));
        }
        newestFirst.sort(Comparator.comparing((HealthRecord r) -> r.result().timestamp()).reversed());
        List<HealthRecord> out = new ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
        Collections.reverse(out);
        return out;
    }

    /**
     * Removes an instance's targets, with their results and notifications (a deleted instance).
     *
     * @param instanceId an instance id
     */
    public void deleteInstance(String instanceId) {
        health.ifPresent(monitor -> {
            for (String id : targetIds(monitor, instanceId)) {
                try {
                    monitor.remove(id);
                } catch (NotFoundException e) {
                    // Already gone.
                }
            }
        });
    }

    private static List<String> targetIds(HealthMonitor monitor, String instanceId) {
        List<String> ids = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            Page<TargetStatus> page = monitor.statuses(Optional.of(GROUP + instanceId), MAX_PAGE, after);
            page.items().forEach(status -> ids.add(status.id()));
            after = page.next();
        } while (after.isPresent());
        return ids;
    }

    private static String targetId(String instanceId, String check) {
        // Target ids are lowercase letters, digits, '.', '_' and '-'; instance ids are UUIDs, check names plain words.
        return "jdclient." + instanceId + "." + check;
    }
}
