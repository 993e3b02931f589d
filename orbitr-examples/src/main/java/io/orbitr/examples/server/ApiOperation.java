package io.orbitr.examples.server;

import java.util.Objects;
import java.util.Optional;

/**
 * One operation of the OpenAPI document.
 *
 * @param id     its {@code operationId}
 * @param method the HTTP method, upper case
 * @param path   the path template, for example {@code /api/v1/containers/{id}}
 * @param role   the least role that may call it; empty for a public operation
 */
public record ApiOperation(String id, String method, String path, Optional<Role> role) {

    /** Refuses nulls. */
    public ApiOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(role, "role");
    }

    /** @return whether the operation changes something (and is audited) */
    public boolean mutating() {
        return !method.equals("GET") && !method.equals("HEAD");
    }
}
