package io.orbitr.engine;

import java.util.Locale;

/** The network drivers a network can be created with. */
public enum NetworkDriver {
    /** A private network on this host (the default). */
    BRIDGE,
    /** A network spanning the hosts of a swarm; the engine must be a swarm manager. */
    OVERLAY,
    /** Containers appear as physical devices on the parent interface's network (option {@code parent}). */
    MACVLAN,
    /** Containers share the parent interface's MAC address (option {@code parent}). */
    IPVLAN;

    /** @return the engine's name, for example {@code bridge} */
    public String engineName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
