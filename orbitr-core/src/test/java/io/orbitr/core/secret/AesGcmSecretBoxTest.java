package io.orbitr.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.secret.Secret;
import io.orbitr.secret.SecretBox;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AesGcmSecretBoxTest {
    private static final String CLEAR = "KHpMoDbePcrkfEVpQtHRtdgcmM1HK6bmFNPD9VW1MVbNTd3Mx8R";
    private final AesGcmSecretBox box = AesGcmSecretBox.of(new byte[32], "a test key");

    @Test
    void sealedValuesOpenToTheSameTextAndCarryTheVersionedPrefix() {
        String sealed = box.seal(CLEAR);
        assertThat(sealed).startsWith("enc:v1:").doesNotContain(CLEAR);
        assertThat(SecretBox.isSealed(sealed)).isTrue();
        assertThat(box.open(sealed)).isEqualTo(CLEAR);
        assertThat(box.open(box.seal(""))).isEmpty();
        assertThat(box.open(box.seal("ünïcødé ✓"))).isEqualTo("ünïcødé ✓");
        assertThat(box.openSecret(box.seal(Secret.of(CLEAR)))).isEqualTo(Secret.of(CLEAR));
    }

    @Test
    void everySealUsesAFreshNonce() {
        String first = box.seal(CLEAR);
        String second = box.seal(CLEAR);
        assertThat(first).isNotEqualTo(second);
        byte[] a = Base64.getDecoder().decode(first.substring(SecretBox.PREFIX.length()));
        byte[] b = Base64.getDecoder().decode(second.substring(SecretBox.PREFIX.length()));
        assertThat(java.util.Arrays.copyOf(a, AesGcmSecretBox.NONCE_BYTES))
                .isNotEqualTo(java.util.Arrays.copyOf(b, AesGcmSecretBox.NONCE_BYTES));
    }

    @Test
    void anotherKeyNeverReturnsGarbage() {
        byte[] other = new byte[32];
        other[0] = 1;
        String sealed = box.seal(CLEAR);
        assertThatThrownBy(() -> AesGcmSecretBox.of(other, "the file /data/secret.key").open(sealed))
                .isInstanceOf(OrbitrException.class)
                .hasMessageContaining("does not open with the secret key from the file /data/secret.key")
                .hasMessageNotContaining(CLEAR).hasMessageNotContaining(sealed);
    }

    @Test
    void aTamperedValueIsRefused() {
        String sealed = box.seal(CLEAR);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(SecretBox.PREFIX.length()));
        for (int i : new int[] {0, AesGcmSecretBox.NONCE_BYTES, bytes.length - 1}) {
            byte[] changed = bytes.clone();
            changed[i] ^= 1;
            String tampered = SecretBox.PREFIX + Base64.getEncoder().encodeToString(changed);
            assertThatThrownBy(() -> box.open(tampered)).isInstanceOf(OrbitrException.class)
                    .hasMessageContaining("changed since");
        }
        assertThatThrownBy(() -> box.open(SecretBox.PREFIX + Base64.getEncoder().encodeToString(new byte[20]))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> box.open("enc:v1:%%%")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("not base64");
    }

    @Test
    void clearValuesAreRecognisedAndNeverEchoed() {
        assertThat(SecretBox.isSealed(CLEAR)).isFalse();
        assertThat(box.openOrClear(CLEAR)).isEqualTo(CLEAR);
        assertThatThrownBy(() -> box.open(CLEAR)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("is not sealed").hasMessageNotContaining(CLEAR);
    }

    @Test
    void keysMustBe256BitsAndAreNeverShown() {
        assertThatThrownBy(() -> AesGcmSecretBox.of(new byte[16], "x")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("16 bytes").hasMessageContaining("32");
        assertThat(box.toString()).isEqualTo("AesGcmSecretBox[key from a test key]");
    }

    @Test
    void aSecretNeverShowsItsValue() {
        Secret secret = Secret.of(CLEAR);
        assertThat(secret.toString()).isEqualTo("****");
        assertThat(java.util.List.of(secret).toString()).doesNotContain(CLEAR);
        assertThat(secret.reveal()).isEqualTo(CLEAR);
        assertThat(secret).isEqualTo(Secret.of(CLEAR)).isNotEqualTo(Secret.of(CLEAR + "x"));
    }
}
