package io.orbitr.extension;

import io.orbitr.InvalidValueException;
import java.util.Objects;

/**
 * A secret the platform generates once at install and keeps across upgrades, referenced like an input as
 * {@code ${inputs.NAME}}.
 *
 * @param name     the name, unique among inputs and generated secrets
 * @param length   the number of characters, 8 to 512
 * @param encoding how it is written
 */
public record GeneratedSecret(String name, int length, SecretEncoding encoding) {
    /** The length when the manifest gives none. */
    public static final int DEFAULT_LENGTH = 32;

    /** Checks the length. */
    public GeneratedSecret {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(encoding, "encoding");
        if (length < 8 || length > 512) {
            throw new InvalidValueException("generated." + name + ".length", length, "must be between 8 and 512");
        }
    }

    /**
     * @param name the secret's name
     * @return a 32-character alphanumeric secret
     */
    public static GeneratedSecret of(String name) {
        return new GeneratedSecret(name, DEFAULT_LENGTH, SecretEncoding.ALPHANUMERIC);
    }
}
