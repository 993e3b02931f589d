package io.orbitr.jdclient.keys;

import io.orbitr.InvalidValueException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * An authority secret key as jd-client writes it: Base58Check of the 32-byte big-endian secp256k1 scalar, with
 * no version prefix. Immutable. {@link #toString()} never shows the key; call {@link #encoded()} to write it
 * where it belongs (a configuration file, the user's terminal).
 */
public final class AuthoritySecretKey {
    /** The field name used when the caller names none: the key of jd-client's configuration. */
    public static final String DEFAULT_FIELD = "authority_secret_key";
    /** Shown in error messages instead of the text: a nearly right secret is still a secret. */
    private static final String HIDDEN = "(hidden)";

    private final byte[] scalar;

    private AuthoritySecretKey(byte[] scalar) {
        this.scalar = scalar;
    }

    /**
     * Parses and validates an encoded secret key, reporting problems against {@value #DEFAULT_FIELD}.
     *
     * @param text the Base58Check string
     * @return the key
     * @throws InvalidValueException when the checksum, length or scalar is wrong
     */
    public static AuthoritySecretKey parse(String text) {
        return parse(DEFAULT_FIELD, text);
    }

    /**
     * Parses and validates an encoded secret key. Error messages never repeat a secret that decoded correctly.
     *
     * @param field the name of the field the text came from, used in error messages
     * @param text  the Base58Check string
     * @return the key
     * @throws InvalidValueException naming {@code field} when the text is not Base58, the checksum is bad, the
     *     payload is not 32 bytes or the scalar is 0 or not below the curve order
     */
    public static AuthoritySecretKey parse(String field, String text) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(text, "text");
        byte[] payload = Base58Check.decode(field, text.strip(), HIDDEN);
        if (payload.length != Secp256k1.KEY_BYTES) {
            throw new InvalidValueException(field, "(" + payload.length + "-byte key)", "has a bad key length: a"
                    + " secret key is " + Secp256k1.KEY_BYTES + " bytes; is this a public key?");
        }
        if (!Secp256k1.isValidScalar(new BigInteger(1, payload))) {
            throw new InvalidValueException(field, HIDDEN, "is not a valid secp256k1 secret: it must be"
                    + " between 1 and the curve order minus 1");
        }
        return new AuthoritySecretKey(payload);
    }

    static AuthoritySecretKey of(BigInteger scalar) {
        return new AuthoritySecretKey(Secp256k1.toBytes(scalar));
    }

    /** @return the public key of this secret (the X coordinate of d·G) */
    public AuthorityPublicKey publicKey() {
        return AuthorityPublicKey.fromXOnly(Secp256k1.xOnlyPublicKey(new BigInteger(1, scalar)));
    }

    /** @return the Base58Check string jd-client reads; this reveals the secret */
    public String encoded() {
        return Base58Check.encode(scalar);
    }

    @Override
    public boolean equals(Object other) {
        // Constant time: equality on secrets must not leak how many leading bytes matched.
        return other instanceof AuthoritySecretKey key && MessageDigest.isEqual(scalar, key.scalar);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(scalar);
    }

    /** @return a placeholder: secret keys never reach logs or exception messages through toString */
    @Override
    public String toString() {
        return "AuthoritySecretKey[hidden]";
    }
}
