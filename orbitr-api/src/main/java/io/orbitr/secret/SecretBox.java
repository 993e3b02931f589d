package io.orbitr.secret;

import java.util.Objects;

/**
 * Seals secret values before they are stored and opens them again: one mechanism for every secret Orbitr keeps
 * (jd-client authority secret keys, webhook credentials, and the secrets of extensions and API tokens to come).
 * A sealed value is text that starts with {@value #PREFIX} (a version, so the format can change later), followed by
 * base64; anything without the prefix is a clear value, which is how rows written before encryption are recognised.
 *
 * <p>The platform's box (AES-GCM under the key in {@code <data-dir>/secret.key}, {@code ORBITR_SECRET_KEY} or
 * {@code Orbitr.builder().secretKey(...)}) is a platform service:
 * {@code context.require(SecretBox.class)} in a provider, {@code orbitr.secrets()} in a host.
 *
 * <pre>{@code
 * SecretBox box = context.require(SecretBox.class);
 * String stored = box.seal("s3cr3t-token");      // "enc:v1:..." goes into the row
 * Secret token = box.openSecret(stored);          // toString() is "****"
 * }</pre>
 *
 * Implementations are thread-safe.
 */
public interface SecretBox {
    /** How every sealed value of the current format starts. */
    String PREFIX = "enc:v1:";

    /**
     * @param clear the clear text
     * @return the sealed text: {@value #PREFIX} and base64; sealing the same text twice gives different results
     */
    String seal(String clear);

    /**
     * @param sealed a value {@link #seal(String) sealed} by a box with the same key
     * @return the clear text
     * @throws io.orbitr.InvalidValueException when the value is not sealed (no {@value #PREFIX}) or not well formed
     * @throws io.orbitr.OrbitrException when the value does not open with this key: another key sealed it, or it was
     *     changed; never returns garbage
     */
    String open(String sealed);

    /**
     * @param secret a secret
     * @return the sealed text
     */
    default String seal(Secret secret) {
        return seal(Objects.requireNonNull(secret, "secret").reveal());
    }

    /**
     * @param sealed a sealed value
     * @return the opened value as a {@link Secret}
     */
    default Secret openSecret(String sealed) {
        return Secret.of(open(sealed));
    }

    /**
     * Opens a sealed value, or takes a clear one (a row written before encryption) as it is.
     *
     * @param stored a stored value, sealed or clear
     * @return the clear text
     */
    default String openOrClear(String stored) {
        return isSealed(stored) ? open(stored) : stored;
    }

    /**
     * @param stored a stored value
     * @return whether it is sealed (starts with {@value #PREFIX}); a clear row of an older Orbitr is not
     */
    static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }
}
