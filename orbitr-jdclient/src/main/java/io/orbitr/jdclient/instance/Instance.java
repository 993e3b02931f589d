package io.orbitr.jdclient.instance;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A jd-client instance as stored: a row of the store's {@code instances} table of kind {@code jdclient}.
 *
 * @param id            its UUID, which also names its directory and its process
 * @param name          its unique name
 * @param configId      the id of the saved configuration it runs
 * @param binaryVersion the installed jd-client release it runs, empty for the default binary
 * @param desiredState  what the user last asked
 * @param createdAt     when it was created
 * @param updatedAt     when it was last changed
 */
public record Instance(String id, String name, String configId, Optional<String> binaryVersion,
        DesiredState desiredState, Instant createdAt, Instant updatedAt) {

    /** Refuses nulls. */
    public Instance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configId, "configId");
        Objects.requireNonNull(binaryVersion, "binaryVersion");
        Objects.requireNonNull(desiredState, "desiredState");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** @return the name of its process in the supervisor: {@code jdc-} and its id */
    public String processName() {
        return "jdc-" + id;
    }
}
