package io.orbitr.process;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A snapshot of one supervised process.
 *
 * @param name      the process's name
 * @param state     its state
 * @param pid       the operating-system pid while it runs
 * @param exitCode  the last exit code, once it has exited (128 + signal number for a death by signal)
 * @param startedAt when it last started
 * @param restarts  how many times the supervisor restarted it
 * @param message   why it is in this state, empty when there is nothing to say
 */
public record ProcessStatus(String name, ProcessState state, OptionalLong pid, OptionalInt exitCode,
        Optional<Instant> startedAt, int restarts, String message) {

    /** Refuses nulls. */
    public ProcessStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(message, "message");
    }

    /** @return whether the process is alive (starting, running or stopping) */
    public boolean alive() {
        return state.isAlive();
    }
}
