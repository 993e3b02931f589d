package io.orbitr.engine.swarm;

import io.orbitr.InvalidValueException;
import java.util.Locale;

/** Whether the swarm's scheduler may place tasks on a node. */
public enum NodeAvailability {
    /** New tasks may be placed on the node. */
    ACTIVE,
    /** No new tasks; the running ones stay. */
    PAUSE,
    /** No tasks: the running ones are moved to other nodes. */
    DRAIN;

    /** @return the engine's word for it: {@code active}, {@code pause}, {@code drain} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text {@code active}, {@code pause} or {@code drain}, in any case
     * @return the availability
     * @throws InvalidValueException for anything else
     */
    public static NodeAvailability parse(String text) {
        for (NodeAvailability value : values()) {
            if (value.id().equalsIgnoreCase(String.valueOf(text).trim())) {
                return value;
            }
        }
        throw new InvalidValueException("availability", text, "must be active, pause or drain");
    }
}
