package io.orbitr.extension;

import io.orbitr.InvalidValueException;
import java.util.Arrays;
import java.util.Locale;

/** The type of an install-form field; decides how a value is checked and how a form shows it. */
public enum InputType {
    /** Free text, optionally matched against a pattern. */
    TEXT,
    /** Text shown masked and never printed back. */
    PASSWORD,
    /** A number, optionally between min and max. */
    NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of the field's options. */
    SELECT,
    /** A TCP or UDP port, 1 to 65535. */
    PORT,
    /** A DNS host name. */
    HOSTNAME,
    /** An e-mail address. */
    EMAIL,
    /** An http or https URL. */
    URL;

    /** @return the name used in manifests ({@code text}, {@code port}...) */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id a manifest's type name
     * @return the type
     * @throws InvalidValueException naming every type when there is none of that name
     */
    public static InputType of(String id) {
        for (InputType type : values()) {
            if (type.id().equals(id)) {
                return type;
            }
        }
        throw new InvalidValueException("input type", id, "must be one of "
                + String.join(", ", Arrays.stream(values()).map(InputType::id).toList()));
    }
}
