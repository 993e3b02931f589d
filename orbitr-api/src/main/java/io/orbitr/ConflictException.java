package io.orbitr;

/**
 * The request is valid but clashes with the current state, for example
 * {@code network orbitr-net is in use by 2 containers} or {@code a route named web already exists}.
 */
public class ConflictException extends OrbitrException {
    private static final long serialVersionUID = 1L;

    /** @param message the clash, and how to resolve it */
    public ConflictException(String message) {
        super(message);
    }

    /**
     * @param message the clash, and how to resolve it
     * @param cause   the underlying failure
     */
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
