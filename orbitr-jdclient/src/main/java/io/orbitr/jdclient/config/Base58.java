package io.orbitr.jdclient.config;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Bitcoin's Base58 alphabet and Base58Check (payload + the first 4 bytes of SHA-256(SHA-256(payload))), as used
 * by jd-client's key strings, legacy addresses, WIF private keys and extended keys.
 */
final class Base58 {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58() {
    }

    /**
     * @param text a Base58 string
     * @return its bytes, or empty when a character is outside the alphabet
     */
    static Optional<byte[]> decode(String text) {
        BigInteger number = BigInteger.ZERO;
        int leadingZeros = 0;
        boolean leading = true;
        for (int i = 0; i < text.length(); i++) {
            int digit = ALPHABET.indexOf(text.charAt(i));
            if (digit < 0) {
                return Optional.empty();
            }
            if (leading && digit == 0) {
                leadingZeros++;
            } else {
                leading = false;
            }
            number = number.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = number.signum() == 0 ? new byte[0] : number.toByteArray();
        // BigInteger adds a sign byte when the top bit is set; Base58 has no sign.
        int skip = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        byte[] out = new byte[leadingZeros + magnitude.length - skip];
        System.arraycopy(magnitude, skip, out, leadingZeros, magnitude.length - skip);
        return Optional.of(out);
    }

    /**
     * @param data bytes
     * @return their Base58 text
     */
    static String encode(byte[] data) {
        StringBuilder out = new StringBuilder();
        BigInteger number = new BigInteger(1, data);
        while (number.signum() > 0) {
            BigInteger[] division = number.divideAndRemainder(BASE);
            out.append(ALPHABET.charAt(division[1].intValue()));
            number = division[0];
        }
        for (int i = 0; i < data.length && data[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }

    /**
     * @param text a Base58Check string
     * @return the payload without its checksum, or a reason why the text is not Base58Check
     */
    static Decoded decodeChecked(String text) {
        Optional<byte[]> raw = decode(text);
        if (raw.isEmpty()) {
            return Decoded.failure("must use only Base58 characters (no 0, O, I or l)");
        }
        byte[] bytes = raw.get();
        if (bytes.length < 5) {
            return Decoded.failure("is too short for Base58Check");
        }
        byte[] payload = Arrays.copyOf(bytes, bytes.length - 4);
        byte[] checksum = Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length);
        if (!Arrays.equals(checksum, Arrays.copyOf(doubleSha256(payload), 4))) {
            return Decoded.failure("has a bad Base58Check checksum (mistyped or truncated?)");
        }
        return new Decoded(Optional.of(payload), "");
    }

    /**
     * @param payload bytes
     * @return their Base58Check text
     */
    static String encodeChecked(byte[] payload) {
        byte[] withChecksum = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(doubleSha256(payload), 0, withChecksum, payload.length, 4);
        return encode(withChecksum);
    }

    private static byte[] doubleSha256(byte[] data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return sha.digest(sha.digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The outcome of a Base58Check decode.
     *
     * @param payload the payload, when the text was valid
     * @param reason  why it was not, empty when valid
     */
    record Decoded(Optional<byte[]> payload, String reason) {
        static Decoded failure(String reason) {
            return new Decoded(Optional.empty(), reason);
        }
    }
}
