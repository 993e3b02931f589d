package io.orbitr.jdclient.instance;

import io.orbitr.InvalidValueException;
import io.orbitr.jdclient.log.LogLevel;
import io.orbitr.jdclient.metrics.MetricStore;
import io.orbitr.process.RestartPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How an {@link InstanceManager} runs its instances, frozen when the manager is built
 * ({@link InstanceManager.Builder} sets them; {@link InstanceManager#settings()} reads them back).
 *
 * @param logLevel           jd-client's {@code RUST_LOG} level (default info)
 * @param environment        extra environment for every instance, for example {@code JDC__} overrides (default none)
 * @param collectionInterval how often metrics and health are collected (default 10 s)
 * @param cleanupInterval    how often old metrics and health results are deleted (default 1 h)
 * @param retention          how long metrics and health results are kept (default 7 days)
 * @param memoryLimitBytes   resident memory above which the memory check reports DOWN (default 1 GiB)
 * @param monitoringTimeout  the bound on each monitoring API request (default 2 s)
 * @param gracePeriod        how long jd-client gets after SIGINT before it is killed (default 10 s)
 * @param startPeriod        how long a process must run to count as started (default 2 s)
 * @param restartPolicy      when the supervisor restarts a process that exits (default on failure)
 * @param logBufferLines     how many output lines each instance keeps in memory (default 10,000)
 */
public record InstanceSettings(LogLevel logLevel, Map<String, String> environment, Duration collectionInterval,
        Duration cleanupInterval, Duration retention, long memoryLimitBytes, Duration monitoringTimeout,
        Duration gracePeriod, Duration startPeriod, RestartPolicy restartPolicy, int logBufferLines) {

    /** Validates every field, naming it, and copies the environment. */
    public InstanceSettings {
        Objects.requireNonNull(logLevel, "logLevel");
        environment = Map.copyOf(environment);
        positive("collectionInterval", collectionInterval);
        positive("cleanupInterval", cleanupInterval);
        positive("retention", retention);
        atLeastOne("memoryLimitBytes", memoryLimitBytes);
        positive("monitoringTimeout", monitoringTimeout);
        notNegative("gracePeriod", gracePeriod);
        notNegative("startPeriod", startPeriod);
        Objects.requireNonNull(restartPolicy, "restartPolicy");
        atLeastOne("logBufferLines", logBufferLines);
    }

    /** @return the defaults listed on the fields */
    public static InstanceSettings defaults() {
        return new InstanceSettings(LogLevel.INFO, Map.of(), Duration.ofSeconds(10), Duration.ofHours(1),
                MetricStore.DEFAULT_RETENTION, 1L << 30, Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(2), RestartPolicy.onFailure(), 10_000);
    }

    static Duration positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidValueException(field, value, "must be positive");
        }
        return value;
    }

    static Duration notNegative(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new InvalidValueException(field, value, "must not be negative");
        }
        return value;
    }

    static long atLeastOne(String field, long value) {
        if (value < 1) {
            throw new InvalidValueException(field, value, "must be 1 or more");
        }
        return value;
    }
}
