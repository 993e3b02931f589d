package io.orbitr.proxy;

import java.util.Objects;

/**
 * One user allowed through a route's basic authentication. Only a bcrypt hash is accepted, never a password: both
 * Traefik and Caddy verify bcrypt, and a hash in a configuration file gives away nothing directly usable.
 *
 * @param username     1-64 letters, digits, '.', '_' and '-'
 * @param passwordHash a bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}, cost 04-31, 53 more characters),
 *                     for example from {@code htpasswd -nbB user password} or {@code caddy hash-password}
 */
public record BasicAuthUser(String username, String passwordHash) {

    /** Validates both values. */
    public BasicAuthUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        RouteValidator.throwFirst(RouteValidator.user("", username, passwordHash));
    }

    /** Keeps the hash out of logs and error messages. */
    @Override
    public String toString() {
        return "BasicAuthUser[username=" + username + ", passwordHash=(bcrypt)]";
    }
}
