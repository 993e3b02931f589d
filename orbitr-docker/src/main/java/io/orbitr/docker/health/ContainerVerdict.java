package io.orbitr.docker.health;

import io.orbitr.engine.ContainerDetails;
import io.orbitr.engine.ContainerHealth;
import io.orbitr.engine.ContainerState;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Judges a container as Uptime Kuma does: not running or paused is DOWN; restarting is PENDING; with a
 * {@code HEALTHCHECK}, healthy is UP, unhealthy DOWN and starting PENDING; running without one is UP, with a hint.
 */
final class ContainerVerdict {
    /** The hint for a running container that has no health check of its own. */
    static final String HINT = "consider adding a health check: running only means the process has not exited";
    /** The probe output kept in the details; the engine keeps 4 KiB, a history row needs less. */
    static final int MAX_OUTPUT_CHARS = 1024;

    private ContainerVerdict() {
    }

    /**
     * @param container the name the user gave
     * @param details   what the engine reports
     * @return the verdict, with the engine's facts in the details
     */
    static HealthResult of(String container, ContainerDetails details) {
        ContainerState state = details.state();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("containerId", details.id());
        facts.put("image", details.image());
        facts.put("state", state.status().engineName());
        facts.put("restartCount", state.restartCount());
        String name = "container " + container;
        HealthStatus status;
        String message;
        switch (state.status()) {
            case PAUSED -> {
                status = HealthStatus.DOWN;
                message = name + " is paused";
            }
            case RESTARTING -> {
                status = HealthStatus.PENDING;
                message = name + " is restarting (last exit code " + state.exitCode() + ")";
                facts.put("exitCode", state.exitCode());
            }
            case RUNNING -> {
                if (state.health().isEmpty()) {
                    status = HealthStatus.UP;
                    message = name + " is running; " + HINT;
                    facts.put("hint", HINT);
                } else {
                    ContainerHealth health = state.health().get();
                    addHealth(facts, health);
                    switch (health.status()) {
                        case HEALTHY -> {
                            status = HealthStatus.UP;
                            message = name + " is healthy";
                        }
                        case STARTING -> {
                            status = HealthStatus.PENDING;
                            message = name + " is starting (its health check has not passed yet)";
                        }
                        default -> {
                            status = HealthStatus.DOWN;
                            message = name + " is unhealthy after " + health.failingStreak() + " failed probes"
                                    + health.lastProbe().map(p -> ": " + firstLine(p.output())).orElse("");
                        }
                    }
                }
            }
            default -> {
                status = HealthStatus.DOWN;
                facts.put("exitCode", state.exitCode());
                message = name + " is " + state.status().engineName()
                        + (state.finishedAt().isPresent() ? " (exit code " + state.exitCode() + ")" : "")
                        + (state.oomKilled() ? ", killed for lack of memory" : "");
            }
        }
        return new HealthResult(status, message, facts, Instant.EPOCH, Duration.ZERO);
    }

    private static void addHealth(Map<String, Object> facts, ContainerHealth health) {
        facts.put("health", health.status().name().toLowerCase(Locale.ROOT));
        facts.put("failingStreak", health.failingStreak());
        health.lastProbe().ifPresent(probe -> {
            facts.put("lastProbeExitCode", probe.exitCode());
            facts.put("lastProbeOutput", cut(probe.output().strip()));
        });
    }

    private static String firstLine(String output) {
        String stripped = output.strip();
        int newline = stripped.indexOf('\n');
        return cut(newline < 0 ? stripped : stripped.substring(0, newline) + " ...");
    }

    private static String cut(String text) {
        return text.length() <= MAX_OUTPUT_CHARS ? text : text.substring(0, MAX_OUTPUT_CHARS) + "...";
    }
}
