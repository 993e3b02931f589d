package io.orbitr.jdclient.health;

import io.orbitr.health.HealthResult;
import java.util.Objects;

/**
 * One stored check result of an instance.
 *
 * @param instanceId the instance
 * @param check      the check's name
 * @param result     what it saw, with its timestamp and duration
 */
public record HealthRecord(String instanceId, String check, HealthResult result) {

    /** Refuses nulls. */
    public HealthRecord {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(result, "result");
    }
}
