package io.orbitr.engine.swarm;

/** A swarm node's role. */
public enum NodeRole {
    /** Takes part in the swarm's management (and runs tasks unless drained). */
    MANAGER,
    /** Only runs tasks. */
    WORKER
}
