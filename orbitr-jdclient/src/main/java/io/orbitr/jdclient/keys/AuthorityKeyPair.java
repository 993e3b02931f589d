package io.orbitr.jdclient.keys;

import io.orbitr.InvalidValueException;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * A jd-client authority key pair: this instance's own identity, written to {@code authority_public_key} and
 * {@code authority_secret_key}. Each instance needs its own pair. The string form shows the public key only.
 *
 * <pre>{@code
 * AuthorityKeyPair pair = AuthorityKeyPair.generate();
 * String pub = pair.publicKey().encoded();     // 9a.../9b.../9c..., 51 characters
 * String secret = pair.secretKey().encoded();
 * }</pre>
 *
 * @param publicKey the public key, the X coordinate of the secret times the generator
 * @param secretKey the secret key
 */
public record AuthorityKeyPair(AuthorityPublicKey publicKey, AuthoritySecretKey secretKey) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @throws InvalidValueException when the public key is not the secret key's
     */
    public AuthorityKeyPair {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(secretKey, "secretKey");
        if (!secretKey.publicKey().equals(publicKey)) {
            throw new InvalidValueException(AuthorityPublicKey.DEFAULT_FIELD, publicKey.encoded(),
                    "does not belong to " + AuthoritySecretKey.DEFAULT_FIELD + ": derive it with"
                            + " 'orbitr jdc pubkey SECRET' or generate a new pair with 'orbitr jdc keygen'");
        }
    }

    /**
     * Generates a fresh pair with a shared {@link SecureRandom}: d uniform in [1, n-1], negated when d·G has an
     * odd Y so that the secret matches its x-only public key as BIP-340 defines it.
     *
     * @return a new pair
     */
    public static AuthorityKeyPair generate() {
        return generate(RANDOM);
    }

    /**
     * @param random the source of randomness; use a {@link SecureRandom} outside tests
     * @return a new pair
     */
    public static AuthorityKeyPair generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return of(AuthoritySecretKey.of(Secp256k1.randomEvenYScalar(random)));
    }

    /**
     * @param secretKey a secret key
     * @return the pair made of the secret and its derived public key
     */
    public static AuthorityKeyPair of(AuthoritySecretKey secretKey) {
        return new AuthorityKeyPair(secretKey.publicKey(), secretKey);
    }

    /**
     * Parses both strings of a configuration and checks that they belong together.
     *
     * @param publicKey the {@code authority_public_key} string
     * @param secretKey the {@code authority_secret_key} string
     * @return the pair
     * @throws InvalidValueException naming the offending field
     */
    public static AuthorityKeyPair parse(String publicKey, String secretKey) {
        return new AuthorityKeyPair(AuthorityPublicKey.parse(publicKey), AuthoritySecretKey.parse(secretKey));
    }
}
