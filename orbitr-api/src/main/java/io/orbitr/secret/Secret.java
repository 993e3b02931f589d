package io.orbitr.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value in memory: a password, a token, a private key. Its {@link #toString()} is always
 * {@value #MASK}, so a secret held in a record or a collection never reaches a log line or an exception message by
 * accident; {@link #reveal()} gives the clear text to the one place that needs it (an HTTP header, a file the
 * program reads). Equality is compared in constant time. Immutable.
 */
public final class Secret {
    /** What {@link #toString()} shows instead of the value. */
    public static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @param value the clear text; may be empty
     * @return the secret
     */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value"));
    }

    /** @return the clear text; write it only where it belongs, never into a log */
    public String reveal() {
        return value;
    }

    /** @return whether the secret is the empty string */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** Constant time: equality on secrets must not leak how many leading characters matched. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                secret.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** @return {@value #MASK}, never the value */
    @Override
    public String toString() {
        return MASK;
    }
}
