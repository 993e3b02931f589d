package io.orbitr.jdclient.config;

import io.orbitr.InvalidValueException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Reads jd-client's authority key strings, to validate configurations: a public key is Base58Check of the bytes
 * {@code 0x01 0x00} (version 1, little-endian) followed by the 32-byte x-only secp256k1 key; a secret key is
 * Base58Check of the 32-byte big-endian scalar. Key generation lives elsewhere ({@code io.orbitr.jdclient.keys});
 * this class only decodes and compares.
 */
public final class KeyFormat {
    /** The project's well-known public test key (stratum-mining's examples); never use it in production. */
    public static final String TEST_PUBLIC_KEY = "9auqWEzQDVyd2oe1JVGFLMLHZtCo2FFqZwtKA5gd9xbuEu7PH72";
    /** The secret of {@link #TEST_PUBLIC_KEY}: published, so anyone can impersonate a node that uses it. */
    public static final String TEST_SECRET_KEY = "mkDLTBBRxdBv998612qipDYoTK3YUrqLe8uWw7gu3iXbSrn2n";

    private static final Set<String> TEST_KEYS = Set.of(TEST_PUBLIC_KEY, TEST_SECRET_KEY);
    private static final int PUBLIC_PAYLOAD_LENGTH = 34;
    private static final int KEY_LENGTH = 32;
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

    private KeyFormat() {
    }

    /**
     * Decodes a public key string.
     *
     * @param field the configuration field it came from, for the error message
     * @param text  the key string
     * @return the 32-byte x-only public key
     * @throws InvalidValueException naming the field when the checksum, length, version or curve point is wrong
     */
    public static byte[] decodePublicKey(String field, String text) {
        Objects.requireNonNull(text, field);
        Base58.Decoded decoded = Base58.decodeChecked(text.strip());
        byte[] payload = decoded.payload().orElseThrow(() -> new InvalidValueException(field, text,
                "must be a Base58Check public key (51 characters starting with 9a, 9b or 9c): " + decoded.reason()));
        if (payload.length != PUBLIC_PAYLOAD_LENGTH) {
            throw new InvalidValueException(field, text, "has a bad key length: a public key holds "
                    + PUBLIC_PAYLOAD_LENGTH + " bytes, this one " + payload.length
                    + (payload.length == KEY_LENGTH ? " (is it a secret key?)" : ""));
        }
        int version = (payload[0] & 0xff) | (payload[1] & 0xff) << 8;
        if (version != 1) {
            throw new InvalidValueException(field, text, "has key version " + version + ", jd-client reads version 1");
        }
        byte[] x = Arrays.copyOfRange(payload, 2, PUBLIC_PAYLOAD_LENGTH);
        if (!onCurve(x)) {
            throw new InvalidValueException(field, text, "is not a point on secp256k1");
        }
        return x;
    }

    /**
     * Decodes a secret key string.
     *
     * @param field the configuration field it came from, for the error message
     * @param text  the key string
     * @return the 32-byte big-endian scalar
     * @throws InvalidValueException naming the field when the checksum or length is wrong or the scalar is out of
     *     range
     */
    public static byte[] decodeSecretKey(String field, String text) {
        Objects.requireNonNull(text, field);
        Base58.Decoded decoded = Base58.decodeChecked(text.strip());
        byte[] payload = decoded.payload().orElseThrow(() -> new InvalidValueException(field, "(hidden)",
                "must be a Base58Check secret key: " + decoded.reason()));
        if (payload.length != KEY_LENGTH) {
            throw new InvalidValueException(field, "(hidden)", "has a bad key length: a secret key holds "
                    + KEY_LENGTH + " bytes, this one " + payload.length
                    + (payload.length == PUBLIC_PAYLOAD_LENGTH ? " (is it a public key?)" : ""));
        }
        BigInteger scalar = new BigInteger(1, payload);
        if (scalar.signum() == 0 || scalar.compareTo(CURVE.getN()) >= 0) {
            throw new InvalidValueException(field, "(hidden)", "is not a valid secp256k1 secret (must be 1 to n-1)");
        }
        return payload;
    }

    /**
     * @param secret a 32-byte secret scalar, as {@link #decodeSecretKey(String, String)} returns it
     * @return the x-only public key of {@code secret}: the X coordinate of secret·G (the same for the secret and its
     *     negation, which is why jd-client can always pick the even-Y point)
     */
    public static byte[] xOnlyPublicKey(byte[] secret) {
        ECPoint point = CURVE.getG().multiply(new BigInteger(1, secret)).normalize();
        return toFixed32(point.getAffineXCoord().toBigInteger());
    }

    /**
     * @param publicKey a public key string
     * @param secretKey a secret key string
     * @return whether the public key belongs to the secret
     * @throws InvalidValueException when either string is malformed
     */
    public static boolean pairMatches(String publicKey, String secretKey) {
        byte[] x = decodePublicKey("authority_public_key", publicKey);
        byte[] secret = decodeSecretKey("authority_secret_key", secretKey);
        return Arrays.equals(x, xOnlyPublicKey(secret));
    }

    /**
     * @param key a key string
     * @return whether it is one of the project's published test keys
     */
    public static boolean isTestKey(String key) {
        return key != null && TEST_KEYS.contains(key.strip());
    }

    /**
     * @param encoded a SEC1-encoded point (33 bytes compressed, 65 uncompressed)
     * @return whether it is a valid point on secp256k1
     */
    static boolean isPoint(byte[] encoded) {
        try {
            return CURVE.getCurve().decodePoint(encoded).isValid();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean onCurve(byte[] x) {
        byte[] compressed = new byte[KEY_LENGTH + 1];
        compressed[0] = 0x02;
        System.arraycopy(x, 0, compressed, 1, KEY_LENGTH);
        return isPoint(compressed);
    }

    private static byte[] toFixed32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[KEY_LENGTH];
        int copy = Math.min(raw.length, KEY_LENGTH);
        System.arraycopy(raw, raw.length - copy, out, KEY_LENGTH - copy, copy);
        return out;
    }
}
