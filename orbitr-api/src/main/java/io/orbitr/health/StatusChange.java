package io.orbitr.health;

import java.util.Objects;

/**
 * A target's status changed.
 *
 * @param targetId the target's id
 * @param from     its status before
 * @param to       its status now
 * @param result   the result that changed it (for a pause or resume, the last result)
 */
public record StatusChange(String targetId, HealthStatus from, HealthStatus to, HealthResult result) {

    /** Refuses nulls. */
    public StatusChange {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(result, "result");
    }
}
