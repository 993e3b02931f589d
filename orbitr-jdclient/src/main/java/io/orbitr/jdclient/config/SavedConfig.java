package io.orbitr.jdclient.config;

import java.time.Instant;
import java.util.Objects;

/**
 * A jd-client configuration kept in the store under a unique name.
 *
 * @param id          its id (a UUID), stable across renames
 * @param name        its unique name
 * @param description what it is for, may be empty
 * @param config      the configuration
 * @param active      whether it is the active configuration (at most one is)
 * @param createdAt   when it was created
 * @param updatedAt   when it was last changed
 */
public record SavedConfig(String id, String name, String description, JdcConfig config, boolean active,
        Instant createdAt, Instant updatedAt) {

    /** Refuses nulls. */
    public SavedConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
