package io.orbitr.examples.server;

import java.time.Instant;
import java.util.Optional;

/**
 * An API token as listed: never its secret, which is shown once, at creation.
 *
 * @param id        the token's id
 * @param name      its name
 * @param role      what it may do
 * @param createdAt when it was created
 * @param expiresAt when it stops working, empty for never
 * @param token     the secret, present only in the answer that created it
 */
public record ApiToken(String id, String name, Role role, Instant createdAt, Optional<Instant> expiresAt,
        Optional<String> token) {
}
