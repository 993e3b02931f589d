package io.orbitr.jdclient.keys;

import io.orbitr.InvalidValueException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Base58 with a 4-byte checksum (the first bytes of SHA-256(SHA-256(payload))) that catches a mistyped string:
 * jd-client's key strings, and also Bitcoin's legacy addresses, WIF keys and extended keys, which configuration
 * checks read with it.
 */
public final class Base58Check {
    private static final int CHECKSUM_BYTES = 4;

    private Base58Check() {
    }

    /**
     * @param payload the bytes to encode
     * @return their Base58Check string
     */
    public static String encode(byte[] payload) {
        byte[] withChecksum = Arrays.copyOf(payload, payload.length + CHECKSUM_BYTES);
        System.arraycopy(checksum(payload), 0, withChecksum, payload.length, CHECKSUM_BYTES);
        return Base58.encode(withChecksum);
    }

    /**
     * @param field the name of the field the text came from, used in error messages
     * @param text  the Base58Check string
     * @param shown the value to show in error messages: the text itself, or a placeholder for secrets
     * @return the payload without its checksum
     * @throws InvalidValueException naming {@code field} when the text is not Base58 or the checksum is wrong
     */
    public static byte[] decode(String field, String text, String shown) {
        byte[] raw = Base58.decode(field, text, shown);
        if (raw.length < CHECKSUM_BYTES) {
            throw new InvalidValueException(field, shown, "is too short for Base58Check (" + raw.length
                    + " bytes, the checksum alone is " + CHECKSUM_BYTES + ")");
        }
        byte[] payload = Arrays.copyOf(raw, raw.length - CHECKSUM_BYTES);
        byte[] given = Arrays.copyOfRange(raw, payload.length, raw.length);
        if (!MessageDigest.isEqual(given, checksum(payload))) {
            throw new InvalidValueException(field, shown, "has a bad Base58Check checksum: it was mistyped or"
                    + " truncated; copy it again");
        }
        return payload;
    }

    private static byte[] checksum(byte[] payload) {
        MessageDigest sha256 = sha256();
        byte[] once = sha256.digest(payload);
        return Arrays.copyOf(sha256.digest(once), CHECKSUM_BYTES);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
