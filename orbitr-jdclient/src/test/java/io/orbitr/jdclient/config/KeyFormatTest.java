package io.orbitr.jdclient.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import org.junit.jupiter.api.Test;

class KeyFormatTest {

    @Test
    void theReferenceTestSecretGivesTheReferenceTestPublicKey() {
        assertThat(KeyFormat.pairMatches(KeyFormat.TEST_PUBLIC_KEY, KeyFormat.TEST_SECRET_KEY)).isTrue();
    }

    @Test
    void decodesTheReferenceXOnlyVector() {
        int[] expected = {118, 99, 112, 0, 151, 156, 28, 17, 175, 12, 48, 11, 205, 140, 127, 228, 134, 16, 252,
            233, 185, 193, 30, 61, 174, 227, 90, 224, 176, 138, 116, 85};
        byte[] x = KeyFormat.decodePublicKey("key", "9bXiEd8boQVhq7WddEcERUL5tyyJVFYdU8th3HfbNXK3Yw6GRXh");
        for (int i = 0; i < expected.length; i++) {
            assertThat(x[i] & 0xff).isEqualTo(expected[i]);
        }
    }

    @Test
    void aPairOfOtherKeysDoesNotMatch() {
        String[] a = ConfigFixtures.keyPair("a");
        String[] b = ConfigFixtures.keyPair("b");
        assertThat(KeyFormat.pairMatches(a[0], a[1])).isTrue();
        assertThat(KeyFormat.pairMatches(a[0], b[1])).isFalse();
    }

    @Test
    void refusesABadChecksum() {
        String key = KeyFormat.TEST_PUBLIC_KEY;
        String broken = key.substring(0, 10) + (key.charAt(10) == 'a' ? 'b' : 'a') + key.substring(11);
        assertThatThrownBy(() -> KeyFormat.decodePublicKey("authority_public_key", broken))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("authority_public_key")
                .hasMessageContaining("checksum");
    }

    @Test
    void refusesAShortPayloadAsABadKeyLength() {
        // A secret key string is a valid Base58Check string with a 32-byte payload: too short for a public key.
        assertThatThrownBy(() -> KeyFormat.decodePublicKey("k", KeyFormat.TEST_SECRET_KEY))
                .hasMessageContaining("bad key length").hasMessageContaining("secret key?");
    }

    @Test
    void refusesAVersionOtherThanOne() {
        byte[] payload = new byte[34];
        payload[0] = 2;
        System.arraycopy(KeyFormat.decodePublicKey("k", KeyFormat.TEST_PUBLIC_KEY), 0, payload, 2, 32);
        assertThatThrownBy(() -> KeyFormat.decodePublicKey("k", Base58.encodeChecked(payload)))
                .hasMessageContaining("version 2");
    }

    @Test
    void refusesAnXThatIsNotOnTheCurve() {
        byte[] x = new byte[32];
        x[31] = 5; // x = 5: x^3 + 7 = 132 is not a square mod p
        assertThatThrownBy(() -> KeyFormat.decodePublicKey("k", ConfigFixtures.publicKey(x)))
                .hasMessageContaining("not a point");
    }

    @Test
    void refusesAZeroSecretAndHidesSecretsInMessages() {
        assertThatThrownBy(() -> KeyFormat.decodeSecretKey("authority_secret_key", Base58.encodeChecked(new byte[32])))
                .hasMessageContaining("1 to n-1").hasMessageContaining("(hidden)");
    }

    @Test
    void knowsThePublishedTestKeys() {
        assertThat(KeyFormat.isTestKey(KeyFormat.TEST_PUBLIC_KEY)).isTrue();
        assertThat(KeyFormat.isTestKey(KeyFormat.TEST_SECRET_KEY)).isTrue();
        assertThat(KeyFormat.isTestKey(ConfigFixtures.keyPair("x")[0])).isFalse();
    }
}
