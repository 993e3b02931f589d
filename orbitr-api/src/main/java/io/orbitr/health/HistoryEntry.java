package io.orbitr.health;

import java.util.Objects;

/**
 * One stored check result.
 *
 * @param id       its id in the history, growing with time
 * @param targetId the target it belongs to
 * @param result   the result, with the status the monitor gave it (PENDING while retries remained)
 */
public record HistoryEntry(long id, String targetId, HealthResult result) {

    /** Refuses nulls. */
    public HistoryEntry {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(result, "result");
    }
}
