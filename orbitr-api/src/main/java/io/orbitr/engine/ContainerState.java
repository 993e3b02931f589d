package io.orbitr.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The runtime state of a container, as an inspect shows it.
 *
 * @param status       its state
 * @param running      whether its main process runs (also true while paused)
 * @param paused       whether it is paused
 * @param restarting   whether it waits to be restarted by its restart policy
 * @param oomKilled    whether its last run was killed for lack of memory
 * @param exitCode     the exit code of its last run; 0 when it never ran
 * @param error        the engine's error for its last start, empty when none
 * @param startedAt    when it last started; empty when never
 * @param finishedAt   when it last stopped; empty when never
 * @param restartCount how many times the engine restarted it
 * @param health       its own health check's report; empty when it has no {@code HEALTHCHECK}
 */
public record ContainerState(
        ContainerStatus status,
        boolean running,
        boolean paused,
        boolean restarting,
        boolean oomKilled,
        int exitCode,
        String error,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        int restartCount,
        Optional<ContainerHealth> health) {

    /** Refuses nulls. */
    public ContainerState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(health, "health");
    }
}
