package io.orbitr.jdclient.keys;

import io.orbitr.InvalidValueException;
import java.math.BigInteger;

/** Bitcoin's Base58 alphabet: no 0, O, I or l, so that a key read aloud or copied by hand cannot be misread. */
final class Base58 {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58() {
    }

    static String encode(byte[] data) {
        StringBuilder out = new StringBuilder();
        BigInteger value = new BigInteger(1, data);
        while (value.signum() > 0) {
            BigInteger[] quotientAndRemainder = value.divideAndRemainder(BASE);
            out.append(ALPHABET.charAt(quotientAndRemainder[1].intValue()));
            value = quotientAndRemainder[0];
        }
        // Leading zero bytes carry no numeric value, so Base58 keeps them as one '1' each.
        for (int i = 0; i < data.length && data[i] == 0; i++) {
            out.append(ALPHABET.charAt(0));
        }
        return out.reverse().toString();
    }

    /** @param shown the value to show in error messages: the text itself, or a placeholder for secrets */
    static byte[] decode(String field, String text, String shown) {
        if (text.isEmpty()) {
            throw new InvalidValueException(field, text, "must not be empty");
        }
        BigInteger value = BigInteger.ZERO;
        int leadingZeros = 0;
        boolean leading = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = ALPHABET.indexOf(c);
            if (digit < 0) {
                throw new InvalidValueException(field, shown, "is not Base58: character '" + c + "' at position "
                        + (i + 1) + " is not in the Base58 alphabet");
            }
            if (leading && digit == 0) {
                leadingZeros++;
            } else {
                leading = false;
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : unsigned(value.toByteArray());
        byte[] out = new byte[leadingZeros + magnitude.length];
        System.arraycopy(magnitude, 0, out, leadingZeros, magnitude.length);
        return out;
    }

    /** Drops the sign byte BigInteger adds when the top bit is set. */
    private static byte[] unsigned(byte[] twosComplement) {
        if (twosComplement.length > 1 && twosComplement[0] == 0) {
            byte[] out = new byte[twosComplement.length - 1];
            System.arraycopy(twosComplement, 1, out, 0, out.length);
            return out;
        }
        return twosComplement;
    }
}
