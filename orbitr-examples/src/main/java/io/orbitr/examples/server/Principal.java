package io.orbitr.examples.server;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling.
 *
 * @param name    the account's or the token's name
 * @param role    what it may do
 * @param session the browser session it came with, empty for a bearer token
 */
public record Principal(String name, Role role, Optional<BrowserSession> session) {

    /** Refuses nulls. */
    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(session, "session");
    }

    /**
     * A logged-in browser's session.
     *
     * @param id   the session's id (hashed in the store)
     * @param csrf the token every changing call must echo in {@code X-CSRF-Token}
     */
    public record BrowserSession(String id, String csrf) {
    }
}
