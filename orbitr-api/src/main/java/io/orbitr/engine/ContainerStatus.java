package io.orbitr.engine;

import io.orbitr.InvalidValueException;
import java.util.Locale;

/** The lifecycle state of a container, as the engine names it. */
public enum ContainerStatus {
    /** Created, never started. */
    CREATED,
    /** Its main process runs. */
    RUNNING,
    /** Frozen by a pause. */
    PAUSED,
    /** Waiting to be started again by its restart policy. */
    RESTARTING,
    /** Being removed. */
    REMOVING,
    /** Its main process ended. */
    EXITED,
    /** The engine failed to stop or remove it. */
    DEAD;

    /** @return the engine's name for this state, for example {@code exited} */
    public String engineName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param engineName the engine's name for a state, in any case
     * @return the state
     * @throws InvalidValueException when the name is not a container state
     */
    public static ContainerStatus fromEngineName(String engineName) {
        try {
            return valueOf(engineName.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("container status", engineName,
                    "must be one of created, running, paused, restarting, removing, exited, dead");
        }
    }
}
