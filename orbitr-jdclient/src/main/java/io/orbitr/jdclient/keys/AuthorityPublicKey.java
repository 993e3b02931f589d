package io.orbitr.jdclient.keys;

import io.orbitr.InvalidValueException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An authority public key as jd-client writes it: Base58Check of the version bytes {@code 0x01 0x00} followed by
 * the 32-byte x-only secp256k1 key, always 51 characters starting with {@code 9a}, {@code 9b} or {@code 9c}.
 * Immutable; equal when the keys are equal; {@link #toString()} is the encoded string.
 *
 * <pre>{@code
 * AuthorityPublicKey pool = AuthorityPublicKey.parse("upstreams[0].authority_pubkey", text);
 * }</pre>
 */
public final class AuthorityPublicKey {
    /** The field name used when the caller names none: the key of jd-client's own configuration. */
    public static final String DEFAULT_FIELD = "authority_public_key";
    private static final int VERSION = 1;
    private static final int PAYLOAD_BYTES = 2 + Secp256k1.KEY_BYTES;

    private final byte[] xOnly;
    private final String encoded;

    private AuthorityPublicKey(byte[] xOnly) {
        this.xOnly = xOnly;
        byte[] payload = new byte[PAYLOAD_BYTES];
        // The version is a little-endian u16, hence 0x01 0x00.
        payload[0] = VERSION;
        payload[1] = 0;
        System.arraycopy(xOnly, 0, payload, 2, Secp256k1.KEY_BYTES);
        this.encoded = Base58Check.encode(payload);
    }

    /**
     * Parses and validates an encoded public key, reporting problems against {@value #DEFAULT_FIELD}.
     *
     * @param text the Base58Check string
     * @return the key
     * @throws InvalidValueException when the checksum, length, version or curve point is wrong
     */
    public static AuthorityPublicKey parse(String text) {
        return parse(DEFAULT_FIELD, text);
    }

    /**
     * Parses and validates an encoded public key.
     *
     * @param field the name of the field the text came from, used in error messages
     *              (for example {@code upstreams[0].authority_pubkey})
     * @param text  the Base58Check string
     * @return the key
     * @throws InvalidValueException naming {@code field} when the text is not Base58, the checksum is bad, the
     *     payload has the wrong length, the version is not 1, or the key is not a point on secp256k1
     */
    public static AuthorityPublicKey parse(String field, String text) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(text, "text");
        byte[] payload = Base58Check.decode(field, text.strip(), text);
        if (payload.length != PAYLOAD_BYTES) {
            // 32 bytes is a secret key pasted into the wrong field: say so without repeating it.
            Object shown = payload.length == Secp256k1.KEY_BYTES ? "(hidden)" : text;
            throw new InvalidValueException(field, shown, "has a bad key length: the decoded payload is "
                    + payload.length + " bytes, a public key is " + PAYLOAD_BYTES
                    + " (2 version bytes and a 32-byte x-only key); is this a secret key?");
        }
        int version = (payload[0] & 0xff) | (payload[1] & 0xff) << 8;
        if (version != VERSION) {
            throw new InvalidValueException(field, text, "has key version " + version + ", jd-client reads only"
                    + " version " + VERSION);
        }
        byte[] key = Arrays.copyOfRange(payload, 2, PAYLOAD_BYTES);
        if (!Secp256k1.isOnCurve(key)) {
            throw new InvalidValueException(field, text, "is not a point on secp256k1");
        }
        return new AuthorityPublicKey(key);
    }

    /**
     * @param xOnly the 32-byte X coordinate of the public point
     * @return the key
     * @throws InvalidValueException when the bytes are not 32 long or not on the curve
     */
    public static AuthorityPublicKey fromXOnly(byte[] xOnly) {
        Objects.requireNonNull(xOnly, "xOnly");
        if (xOnly.length != Secp256k1.KEY_BYTES) {
            throw new InvalidValueException("x-only public key", xOnly.length + " bytes", "must be 32 bytes");
        }
        if (!Secp256k1.isOnCurve(xOnly)) {
            throw new InvalidValueException("x-only public key", Arrays.toString(xOnly), "is not a point on"
                    + " secp256k1");
        }
        return new AuthorityPublicKey(xOnly.clone());
    }

    /**
     * @param text a candidate public key string
     * @return whether {@link #parse(String)} would accept it
     */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    /** @return a copy of the 32-byte x-only key */
    public byte[] xOnly() {
        return xOnly.clone();
    }

    /** @return the Base58Check string jd-client reads */
    public String encoded() {
        return encoded;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuthorityPublicKey key && Arrays.equals(xOnly, key.xOnly);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xOnly);
    }

    /** @return the encoded key: public keys are meant to be shown */
    @Override
    public String toString() {
        return encoded;
    }
}
