package io.orbitr;

/**
 * The root of Orbitr's one unchecked exception family. Every message says what went wrong in the user's words
 * and, where there is one, what to do about it; callers never see a third-party library's stack trace as the
 * only explanation (the original is kept as the cause).
 */
public class OrbitrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and what to do about it */
    public OrbitrException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do about it
     * @param cause   the underlying failure, kept for diagnosis
     */
    public OrbitrException(String message, Throwable cause) {
        super(message, cause);
    }
}
