package io.orbitr.jdclient.keys;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * The secp256k1 arithmetic jd-client's keys need, on BouncyCastle's constant-time custom curve. Public only for
 * {@link #isPoint(byte[])}, which configuration checks use on the keys inside output descriptors.
 */
public final class Secp256k1 {
    static final int KEY_BYTES = 32;
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    /** The group order: valid secret scalars are 1 to N-1. */
    static final BigInteger N = CURVE.getN();

    private Secp256k1() {
    }

    /** Draws d uniformly in [1, N-1] by rejection, then negates it when d·G has an odd Y (BIP-340's even Y). */
    static BigInteger randomEvenYScalar(SecureRandom random) {
        BigInteger d;
        do {
            d = BigIntegers.createRandomBigInteger(N.bitLength(), random);
        } while (d.signum() == 0 || d.compareTo(N) >= 0);
        return publicPoint(d).getAffineYCoord().testBitZero() ? N.subtract(d) : d;
    }

    static boolean isValidScalar(BigInteger d) {
        return d.signum() > 0 && d.compareTo(N) < 0;
    }

    /** @return the 32-byte X coordinate of d·G; the same for d and N-d, which is why x-only keys drop Y */
    static byte[] xOnlyPublicKey(BigInteger d) {
        return publicPoint(d).getAffineXCoord().getEncoded();
    }

    /** @return whether the 32 bytes are the X coordinate of a point on the curve, as jd-client requires */
    static boolean isOnCurve(byte[] xOnly) {
        byte[] compressed = new byte[KEY_BYTES + 1];
        compressed[0] = 0x02;
        System.arraycopy(xOnly, 0, compressed, 1, KEY_BYTES);
        return isPoint(compressed);
    }

    /**
     * @param encoded a SEC1-encoded point: 33 bytes compressed ({@code 02}/{@code 03} + X) or 65 uncompressed
     *                ({@code 04} + X + Y)
     * @return whether it is a valid point on secp256k1
     */
    public static boolean isPoint(byte[] encoded) {
        try {
            return CURVE.getCurve().decodePoint(encoded).isValid();
        } catch (IllegalArgumentException notAPoint) {
            return false;
        }
    }

    static byte[] toBytes(BigInteger d) {
        return BigIntegers.asUnsignedByteArray(KEY_BYTES, d);
    }

    private static ECPoint publicPoint(BigInteger d) {
        return new FixedPointCombMultiplier().multiply(CURVE.getG(), d).normalize();
    }
}
