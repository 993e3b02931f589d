package io.orbitr.examples.server;

import java.time.Instant;

/**
 * A person who logs in.
 *
 * @param name      the login name
 * @param role      what it may do
 * @param createdAt when it was created
 */
public record Account(String name, Role role, Instant createdAt) {
}
