package io.orbitr.process;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One state transition of a supervised process, as a {@link ProcessListener} receives it.
 *
 * <p>A restart shows as {@code BACKOFF -> STARTING} with {@link ProcessStatus#restarts()} one higher; an exit as a
 * transition to {@code EXITED}, {@code BACKOFF}, {@code FAILED} or (when asked for) {@code STOPPED}, with the exit
 * code in {@link #exitCode()}.
 *
 * @param previous the state before the transition
 * @param status   the process's status right after it
 * @param at       when it happened, by the supervisor's clock
 */
public record ProcessEvent(ProcessState previous, ProcessStatus status, Instant at) {

    /** Refuses nulls. */
    public ProcessEvent {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }

    /** @return the process's name */
    public String name() {
        return status.name();
    }

    /** @return the state entered */
    public ProcessState state() {
        return status.state();
    }

    /** @return the exit code when this transition is an exit, else empty */
    public OptionalInt exitCode() {
        return previous.isAlive() && !state().isAlive() ? status.exitCode() : OptionalInt.empty();
    }
}
