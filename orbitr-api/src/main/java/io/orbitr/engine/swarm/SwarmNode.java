package io.orbitr.engine.swarm;

import java.util.Map;
import java.util.Objects;

/**
 * One node of the swarm, as the manager sees it.
 *
 * @param id            the node's id
 * @param hostname      its host name
 * @param role          manager or worker
 * @param availability  whether tasks may be placed on it
 * @param state         its state as the engine says it ({@code ready}, {@code down}, {@code unknown}, ...)
 * @param address       the address it is reached at, or empty
 * @param engineVersion the version of its Docker engine, or empty
 * @param leader        whether it is the managers' leader
 * @param version       the node object's version, which an update must quote
 * @param labels        its labels
 */
public record SwarmNode(String id, String hostname, NodeRole role, NodeAvailability availability, String state,
        String address, String engineVersion, boolean leader, long version, Map<String, String> labels) {

    /** Refuses nulls and copies the labels. */
    public SwarmNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(engineVersion, "engineVersion");
        labels = Map.copyOf(labels);
    }
}
