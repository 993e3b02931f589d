package io.orbitr.extension;

import io.orbitr.InvalidValueException;
import java.util.Locale;

/** How a generated secret's random bytes are written. */
public enum SecretEncoding {
    /** Lowercase hexadecimal: {@code length} characters. */
    HEX,
    /** URL-safe Base64 without padding: {@code length} characters. */
    BASE64,
    /** Letters and digits: {@code length} characters. */
    ALPHANUMERIC;

    /** @return the name used in manifests */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id a manifest's encoding name
     * @return the encoding
     * @throws InvalidValueException when there is none of that name
     */
    public static SecretEncoding of(String id) {
        for (SecretEncoding encoding : values()) {
            if (encoding.id().equals(id)) {
                return encoding;
            }
        }
        throw new InvalidValueException("encoding", id, "must be one of hex, base64, alphanumeric");
    }
}
