package io.orbitr;

/**
 * A real part Orbitr depends on did not answer, or not in time: the Docker engine, a registry, Caddy's admin API.
 * The message says which part and why, for example {@code image nginx:1.27 is not available: the registry cannot
 * be reached}.
 */
public class UnavailableException extends OrbitrException {
    private static final long serialVersionUID = 1L;

    /** @param message which part did not answer, and why */
    public UnavailableException(String message) {
        super(message);
    }

    /**
     * @param message which part did not answer, and why
     * @param cause   the underlying failure
     */
    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
