package io.orbitr.engine.swarm;

import java.util.Locale;

/** A swarm task's state, in the order a task goes through them. */
public enum TaskState {
    /** Just created. */
    NEW,
    /** Given resources. */
    ALLOCATED,
    /** Waiting for a node. */
    PENDING,
    /** Given a node. */
    ASSIGNED,
    /** Accepted by the node. */
    ACCEPTED,
    /** The node prepares it (the image is looked up). */
    PREPARING,
    /** Ready to start. */
    READY,
    /** Its container starts. */
    STARTING,
    /** Its container runs. */
    RUNNING,
    /** Its container exited with 0. */
    COMPLETE,
    /** It was stopped on purpose. */
    SHUTDOWN,
    /** Its container failed. */
    FAILED,
    /** The node refused it. */
    REJECTED,
    /** Being removed. */
    REMOVE,
    /** Its node is gone. */
    ORPHANED,
    /** A state this Orbitr does not know. */
    UNKNOWN;

    /**
     * @param text the engine's word, for example {@code running}
     * @return the state, or {@link #UNKNOWN}
     */
    public static TaskState parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
