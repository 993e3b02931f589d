package io.orbitr.engine;

import io.orbitr.InvalidValueException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a container's own health check ({@code HEALTHCHECK}) reports. The engine keeps only its last 5 probes, with
 * each output cut at 4 KiB.
 *
 * @param status        the verdict
 * @param failingStreak how many probes in a row have failed
 * @param probes        the most recent probes, oldest first
 */
public record ContainerHealth(Status status, int failingStreak, List<Probe> probes) {

    /** The verdict of a container health check. */
    public enum Status {
        /** Inside the start period, or not probed enough yet. */
        STARTING,
        /** The last probe succeeded. */
        HEALTHY,
        /** The failing streak reached the retry count. */
        UNHEALTHY;

        /**
         * @param engineName the engine's name ({@code starting}, {@code healthy}, {@code unhealthy}), in any case
         * @return the status
         */
        public static Status fromEngineName(String engineName) {
            try {
                return valueOf(engineName.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("health status", engineName,
                        "must be starting, healthy or unhealthy");
            }
        }
    }

    /**
     * One run of the health check.
     *
     * @param start    when it started
     * @param end      when it ended
     * @param exitCode its exit code: 0 healthy, anything else a failure
     * @param output   what it printed, cut by the engine at 4 KiB
     */
    public record Probe(Instant start, Instant end, int exitCode, String output) {
        /** Refuses nulls. */
        public Probe {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(output, "output");
        }
    }

    /** Validates and freezes the health. */
    public ContainerHealth {
        Objects.requireNonNull(status, "status");
        if (failingStreak < 0) {
            throw new InvalidValueException("failing streak", failingStreak, "must not be negative");
        }
        probes = List.copyOf(probes);
    }

    /** @return the most recent probe, if any ran yet */
    public Optional<Probe> lastProbe() {
        return probes.isEmpty() ? Optional.empty() : Optional.of(probes.get(probes.size() - 1));
    }
}
