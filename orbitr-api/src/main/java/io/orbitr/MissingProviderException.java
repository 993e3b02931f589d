package io.orbitr;

/**
 * A capability was asked for that no provider on the class path offers. The message names the Maven artifact
 * that brings it, for example {@code no container engine provider: add io.orbitr:orbitr-docker to the class path}.
 */
public class MissingProviderException extends OrbitrException {
    private static final long serialVersionUID = 1L;

    /**
     * @param capability what was asked for ({@code container engine provider}, {@code proxy generator 'traefik'})
     * @param artifact   the artifact id under group {@code io.orbitr} that provides it, or a hint when none does
     */
    public MissingProviderException(String capability, String artifact) {
        super("no " + capability + ": add io.orbitr:" + artifact + " to the class path");
    }

    /**
     * For a message the caller composes, for example one that lists the providers that do exist.
     *
     * @param message the whole message: what is missing, what exists, and what to add
     * @return the exception
     */
    public static MissingProviderException withMessage(String message) {
        return new MissingProviderException(message);
    }

    private MissingProviderException(String message) {
        super(message);
    }
}
