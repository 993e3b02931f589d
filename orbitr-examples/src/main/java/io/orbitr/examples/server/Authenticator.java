package io.orbitr.examples.server;

import java.util.Optional;
import java.util.function.Function;

/** Finds the caller of a request: a bearer token, else the session cookie. */
final class Authenticator {
    static final String SESSION_COOKIE = "orbitr_session";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final Accounts accounts;

    Authenticator(Accounts accounts) {
        this.accounts = accounts;
    }

    /**
     * @param header the request's headers by name
     * @param cookie the request's cookies by name
     * @return the caller, empty when the request carries no credentials
     * @throws ApiException 401 when it carries credentials that are not valid
     */
    Optional<Principal> authenticate(Function<String, String> header, Function<String, String> cookie) {
        String authorization = header.apply("Authorization");
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new ApiException(401, "the Authorization header must be 'Bearer TOKEN'");
            }
            return Optional.of(accounts.authenticateToken(authorization.substring(7).trim())
                    .orElseThrow(() -> new ApiException(401, "the bearer token is unknown, removed or expired")));
        }
        String session = cookie.apply(SESSION_COOKIE);
        if (session != null && !session.isEmpty()) {
            return Optional.of(accounts.authenticateSession(session)
                    .orElseThrow(() -> new ApiException(401, "the session has ended; log in again")));
        }
        return Optional.empty();
    }
}
