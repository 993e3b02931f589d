package io.orbitr.docker.stream;

import java.util.Objects;

/**
 * What a stream needs to know about a container: which one it is, whether it has a TTY, and whether it runs.
 *
 * @param id         its full id
 * @param name       its name, without the engine's leading slash
 * @param tty        whether it has a TTY (its log is raw output, not multiplexed)
 * @param status     the engine's status word: created, running, paused, restarting, removing, exited, dead
 * @param running    whether it runs (a paused container runs)
 * @param restarting whether the engine is about to restart it under its restart policy
 * @param exitCode   the exit code of its last run
 * @param startedAt  when it last started, as the engine wrote it
 */
record ContainerState(String id, String name, boolean tty, String status, boolean running, boolean restarting,
        long exitCode, String startedAt) {

    /** Refuses nulls. */
    ContainerState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** @return whether it runs or is about to run again */
    boolean live() {
        return running || restarting;
    }

    /** @return how messages name it */
    String label() {
        return "container " + name;
    }

    /** @return why its stream ended, for a container that does not run */
    String stopReason() {
        return switch (status) {
            case "created" -> label() + " has not started";
            case "dead" -> label() + " is dead (exit code " + exitCode + ")";
            default -> label() + " stopped (exit code " + exitCode + ")";
        };
    }
}
