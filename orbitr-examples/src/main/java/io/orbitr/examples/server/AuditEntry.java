package io.orbitr.examples.server;

import java.time.Instant;

/**
 * One changing call: who, what, which object, the result, when.
 *
 * @param id        the entry's number, increasing
 * @param at        when
 * @param actor     the account or token name; {@code anonymous} before authentication
 * @param operation the API operation's id
 * @param method    the HTTP method
 * @param path      the request path
 * @param object    what it acted on (the path's parameters)
 * @param status    the HTTP status answered
 */
public record AuditEntry(long id, Instant at, String actor, String operation, String method, String path,
        String object, int status) {
}
