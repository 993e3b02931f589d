package io.orbitr.core.secret;

import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.secret.SecretBox;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform's {@link SecretBox}: AES-256-GCM from the JDK, a fresh random 96-bit nonce for every value and a
 * 128-bit tag, so a value sealed under another key, or changed by one bit, refuses to open instead of returning
 * garbage. A sealed value is {@value SecretBox#PREFIX} followed by base64 of nonce, ciphertext and tag. Messages never
 * contain a value, sealed or clear. Thread-safe.
 */
public final class AesGcmSecretBox implements SecretBox {
    /** The key length: 256 bits. */
    public static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;
    /** Bound into every tag, so a value of this format cannot be passed off as another format's. */
    private static final byte[] ASSOCIATED_DATA = "orbitr-secret-v1".getBytes(StandardCharsets.US_ASCII);
    private static final String HIDDEN = "(hidden)";

    private final SecretKeySpec key;
    private final String keyOrigin;
    private final SecureRandom random = new SecureRandom();

    private AesGcmSecretBox(byte[] key, String keyOrigin) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyOrigin = keyOrigin;
    }

    /**
     * @param key       the 32-byte key (copied)
     * @param keyOrigin where the key came from, for error messages ({@code the file DATA/secret.key})
     * @return the box
     * @throws InvalidValueException when the key is not 32 bytes (the key itself is never shown)
     */
    public static AesGcmSecretBox of(byte[] key, String keyOrigin) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyOrigin, "keyOrigin");
        if (key.length != KEY_BYTES) {
            throw new InvalidValueException("secretKey", "(" + key.length + " bytes)", "must be " + KEY_BYTES
                    + " bytes (256 bits)");
        }
        return new AesGcmSecretBox(key.clone(), keyOrigin);
    }

    /** @return a box under a fresh random key, for a store that lives no longer than the process */
    public static AesGcmSecretBox random() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new AesGcmSecretBox(key, "a random key for this in-memory store");
    }

    /** @return where this box's key came from, as shown in error messages */
    public String keyOrigin() {
        return keyOrigin;
    }

    @Override
    public String seal(String clear) {
        Objects.requireNonNull(clear, "clear");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new OrbitrException("this JVM cannot encrypt with AES-GCM: " + e.getMessage(), e);
        }
    }

    @Override
    public String open(String sealed) {
        Objects.requireNonNull(sealed, "sealed");
        if (!SecretBox.isSealed(sealed)) {
            throw new InvalidValueException("sealed value", HIDDEN, "is not sealed: a sealed value starts with "
                    + PREFIX);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("sealed value", HIDDEN, "is damaged: what follows " + PREFIX
                    + " is not base64");
        }
        if (bytes.length < NONCE_BYTES + TAG_BYTES) {
            throw new InvalidValueException("sealed value", HIDDEN, "is damaged: too short to hold a nonce and a tag");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] clear = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            try {
                return new String(clear, StandardCharsets.UTF_8);
            } finally {
                Arrays.fill(clear, (byte) 0);
            }
        } catch (AEADBadTagException e) {
            throw new OrbitrException("a sealed value does not open with the secret key from " + keyOrigin
                    + ": it was sealed under another key, or changed since. Give the key that sealed the store"
                    + " (Orbitr.builder().secretKey(...), ORBITR_SECRET_KEY or the data directory's secret.key).");
        } catch (GeneralSecurityException e) {
            throw new OrbitrException("this JVM cannot decrypt with AES-GCM: " + e.getMessage(), e);
        }
    }

    /** @return the box's kind and its key's origin, never the key */
    @Override
    public String toString() {
        return "AesGcmSecretBox[key from " + keyOrigin + "]";
    }
}
