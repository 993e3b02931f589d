package io.orbitr.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a named lease, until when.
 *
 * @param name      the lease's name, e.g. {@code health:api} or {@code job:retention}
 * @param holder    the server that holds it ({@link Leases#holder()})
 * @param expiresAt when it lapses unless the holder renews it
 */
public record Lease(String name, String holder, Instant expiresAt) {

    /** Checks that nothing is missing. */
    public Lease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
