package io.orbitr.engine.swarm;

import java.time.Instant;
import java.util.Objects;

/**
 * A swarm service as the manager holds it.
 *
 * @param id          the service's id
 * @param spec        what it runs
 * @param version     the service object's version, which an update quotes
 * @param createdAt   when it was created
 * @param updatedAt   when its spec last changed
 * @param updateState the state of its last rolling update ({@code updating}, {@code completed}, {@code paused},
 *                    ...), or empty when it was never updated
 */
public record ServiceDetails(String id, ServiceSpec spec, long version, Instant createdAt, Instant updatedAt,
        String updateState) {

    /** Refuses nulls. */
    public ServiceDetails {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updateState, "updateState");
    }

    /** @return the service's name */
    public String name() {
        return spec.name();
    }

    /** @return how many tasks it should run */
    public int replicas() {
        return spec.replicas();
    }
}
