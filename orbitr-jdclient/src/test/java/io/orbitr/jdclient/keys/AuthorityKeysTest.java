package io.orbitr.jdclient.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorityKeysTest {
    // The project's public TEST keys from the reference: never defaults, only vectors.
    private static final String TEST_SECRET = PublishedTestKeys.SECRET_KEY;
    private static final String TEST_PUBLIC = PublishedTestKeys.PUBLIC_KEY;
    private static final int[] X_ONLY_VECTOR = {118, 99, 112, 0, 151, 156, 28, 17, 175, 12, 48, 11, 205, 140, 127,
        228, 134, 16, 252, 233, 185, 193, 30, 61, 174, 227, 90, 224, 176, 138, 116, 85};
    private static final String X_ONLY_ENCODED = "9bXiEd8boQVhq7WddEcERUL5tyyJVFYdU8th3HfbNXK3Yw6GRXh";

    @Test
    void derivesTheReferencePublicKeyFromTheReferenceSecret() {
        AuthoritySecretKey secret = AuthoritySecretKey.parse(TEST_SECRET);

        assertThat(secret.publicKey().encoded()).isEqualTo(TEST_PUBLIC);
        assertThat(secret.encoded()).isEqualTo(TEST_SECRET);
        assertThat(AuthorityKeyPair.parse(TEST_PUBLIC, TEST_SECRET).publicKey().encoded()).isEqualTo(TEST_PUBLIC);
    }

    @Test
    void recognisesOnlyThePublishedTestKeys() {
        assertThat(PublishedTestKeys.isPublished(TEST_PUBLIC)).isTrue();
        assertThat(PublishedTestKeys.isPublished(" " + TEST_SECRET + "\n")).isTrue();
        assertThat(PublishedTestKeys.isPublished(AuthorityKeyPair.generate().publicKey().encoded())).isFalse();
    }

    @Test
    void encodesTheReferenceXOnlyBytes() {
        byte[] xOnly = xOnlyVector();

        AuthorityPublicKey key = AuthorityPublicKey.fromXOnly(xOnly);

        assertThat(key.encoded()).isEqualTo(X_ONLY_ENCODED);
        assertThat(AuthorityPublicKey.parse(X_ONLY_ENCODED).xOnly()).isEqualTo(xOnly);
        assertThat(AuthorityPublicKey.parse(X_ONLY_ENCODED)).isEqualTo(key).hasSameHashCodeAs(key);
    }

    @Test
    void generatedPairsHaveAnEvenYSecretAndWellFormedStrings() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            AuthorityKeyPair pair = AuthorityKeyPair.generate(random);
            String pub = pair.publicKey().encoded();

            assertThat(pub).hasSize(51).matches("9[abc].*");
            assertThat(AuthorityPublicKey.parse(pub)).isEqualTo(pair.publicKey());
            AuthoritySecretKey reparsed = AuthoritySecretKey.parse(pair.secretKey().encoded());
            assertThat(reparsed).isEqualTo(pair.secretKey());
            assertThat(reparsed.publicKey()).isEqualTo(pair.publicKey());
            assertThat(hasEvenY(reparsed)).as("d·G has an even Y").isTrue();
            seen.add(pub);
        }
        assertThat(seen).hasSize(50);
    }

    @Test
    void negatesTheScalarWhenTheRandomPointHasAnOddY() {
        BigInteger odd = BigInteger.ONE;
        while (hasEvenY(odd)) {
            odd = odd.add(BigInteger.ONE);
        }
        byte[] oddBytes = Secp256k1.toBytes(odd);
        // A random source that yields that small scalar: the generated secret must be its negation n-k.
        SecureRandom fixed = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(oddBytes, oddBytes.length - bytes.length, bytes, 0, bytes.length);
            }
        };

        AuthorityKeyPair pair = AuthorityKeyPair.generate(fixed);

        assertThat(scalar(pair.secretKey())).isEqualTo(Secp256k1.N.subtract(odd));
        assertThat(pair.publicKey()).isEqualTo(AuthoritySecretKey.of(odd).publicKey());
    }

    @Test
    void secretKeysNeverPrintThemselves() {
        AuthorityKeyPair pair = AuthorityKeyPair.generate();

        assertThat(pair.secretKey().toString()).doesNotContain(pair.secretKey().encoded());
        assertThat(pair.toString()).doesNotContain(pair.secretKey().encoded()).contains(pair.publicKey().encoded());
    }

    @Test
    void rejectsABadChecksum() {
        String mistyped = TEST_PUBLIC.substring(0, 50) + (TEST_PUBLIC.endsWith("2") ? "3" : "2");

        assertThatThrownBy(() -> AuthorityPublicKey.parse("upstreams[0].authority_pubkey", mistyped))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("upstreams[0].authority_pubkey").hasMessageContaining("checksum")
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("upstreams[0].authority_pubkey");
        String badSecret = TEST_SECRET.substring(0, 48) + (TEST_SECRET.endsWith("n") ? "m" : "n");
        assertThatThrownBy(() -> AuthoritySecretKey.parse(badSecret))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("authority_secret_key").hasMessageContaining("checksum")
                .extracting(Throwable::getMessage).asString().doesNotContain(badSecret.substring(0, 10));
    }

    @Test
    void rejectsAShortPayloadAsABadKeyLength() {
        String shortKey = Base58Check.encode(new byte[] {1, 0, 5, 6, 7});

        assertThatThrownBy(() -> AuthorityPublicKey.parse(shortKey))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("authority_public_key").hasMessageContaining("bad key length");
        // A secret key given where a public key belongs is a length problem too, and says so.
        assertThatThrownBy(() -> AuthorityPublicKey.parse(TEST_SECRET))
                .hasMessageContaining("bad key length").hasMessageContaining("secret key?");
        assertThatThrownBy(() -> AuthoritySecretKey.parse(TEST_PUBLIC))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("authority_secret_key").hasMessageContaining("bad key length");
    }

    @Test
    void rejectsAVersionOtherThanOne() {
        byte[] payload = new byte[34];
        payload[0] = 2;
        System.arraycopy(xOnlyVector(), 0, payload, 2, 32);

        assertThatThrownBy(() -> AuthorityPublicKey.parse(Base58Check.encode(payload)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("authority_public_key").hasMessageContaining("version 2");
    }

    @Test
    void rejectsAnXCoordinateThatIsNotOnTheCurve() {
        byte[] payload = new byte[34];
        payload[0] = 1;
        Arrays.fill(payload, 2, 34, (byte) 0xff); // above the field prime: no point has this X

        assertThatThrownBy(() -> AuthorityPublicKey.parse(Base58Check.encode(payload)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("not a point on secp256k1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0OIl", "9auqWEzQDVyd2oe1JVGFLMLHZtCo2FFqZwtKA5gd9xbuEu7PH7!"})
    void rejectsTextThatIsNotBase58(String text) {
        assertThatThrownBy(() -> AuthorityPublicKey.parse(text))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("authority_public_key");
        assertThat(AuthorityPublicKey.isValid(text)).isFalse();
    }

    @Test
    void rejectsASecretOutsideTheScalarRange() {
        assertThatThrownBy(() -> AuthoritySecretKey.parse(Base58Check.encode(new byte[32])))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> AuthoritySecretKey.parse(Base58Check.encode(Secp256k1.toBytes(Secp256k1.N))))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("between 1 and");
    }

    @Test
    void refusesAPairWhoseKeysDoNotBelongTogether() {
        AuthorityKeyPair other = AuthorityKeyPair.generate();

        assertThatThrownBy(() -> AuthorityKeyPair.parse(other.publicKey().encoded(), TEST_SECRET))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("authority_public_key").hasMessageContaining("does not belong");
    }

    @Test
    void validatesPublicKeyStrings() {
        assertThat(AuthorityPublicKey.isValid(TEST_PUBLIC)).isTrue();
        assertThat(AuthorityPublicKey.isValid(" " + TEST_PUBLIC + "\n")).isTrue();
        assertThat(AuthorityPublicKey.isValid(TEST_SECRET)).isFalse();
    }

    private static boolean hasEvenY(AuthoritySecretKey secret) {
        return hasEvenY(scalar(secret));
    }

    private static BigInteger scalar(AuthoritySecretKey secret) {
        return new BigInteger(1, Base58Check.decode("s", secret.encoded(), ""));
    }

    private static boolean hasEvenY(BigInteger d) {
        return !org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256k1").getG().multiply(d).normalize()
                .getAffineYCoord().testBitZero();
    }

    private static byte[] xOnlyVector() {
        byte[] bytes = new byte[X_ONLY_VECTOR.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) X_ONLY_VECTOR[i];
        }
        return bytes;
    }
}
