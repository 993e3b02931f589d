package io.orbitr.health;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one target stands right now, as the monitor holds it in memory.
 *
 * @param id          the target's id
 * @param name        what people call it
 * @param group       its group
 * @param status      its state: the last check's verdict after retries, PAUSED while paused, UNKNOWN before the
 *                    first check
 * @param last        the last check's result, with the status the monitor gave it
 * @param since       when the status last changed, empty before the first check
 * @param failures    consecutive failed checks (retries spent, then DOWN checks)
 */
public record TargetStatus(String id, String name, String group, HealthStatus status, Optional<HealthResult> last,
        Optional<Instant> since, int failures) {

    /** Refuses nulls. */
    public TargetStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(since, "since");
    }
}
