package io.orbitr.engine.swarm;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One task of a service: one replica's slot, on one node, with the container that runs it.
 *
 * @param id           the task's id
 * @param serviceId    its service's id
 * @param slot         its replica slot (1, 2, ...), 0 for a global service
 * @param nodeId       the node it was given, or empty while it waits for one
 * @param state        what it is now
 * @param desiredState what the manager wants it to be
 * @param containerId  its container, once it has one
 * @param message      the engine's last word on it ({@code started}, ...)
 * @param error        why it failed, or empty
 * @param updatedAt    when its state last changed
 */
public record SwarmTask(String id, String serviceId, int slot, String nodeId, TaskState state,
        TaskState desiredState, Optional<String> containerId, String message, String error, Instant updatedAt) {

    /** Refuses nulls. */
    public SwarmTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(desiredState, "desiredState");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** @return whether it runs and is meant to */
    public boolean running() {
        return state == TaskState.RUNNING && desiredState == TaskState.RUNNING;
    }
}
