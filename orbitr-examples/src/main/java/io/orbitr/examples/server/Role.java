package io.orbitr.examples.server;

import com.fasterxml.jackson.annotation.JsonValue;
import io.orbitr.InvalidValueException;
import java.util.Locale;

/**
 * What a caller may do. Each role may do everything the roles before it may: a viewer reads; an operator also starts,
 * stops, restarts and follows logs; an admin also installs, deletes, changes settings, manages accounts, and runs
 * whatever reaches the host (commands, exec, host files).
 */
public enum Role {
    /** Reads. */
    VIEWER,
    /** Also starts, stops, restarts and follows logs. */
    OPERATOR,
    /** Everything. */
    ADMIN;

    /**
     * @param required the least role an operation needs
     * @return whether this role may call it
     */
    public boolean allows(Role required) {
        return compareTo(required) >= 0;
    }

    /** @return the role as the API and the command line spell it */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text {@code viewer}, {@code operator} or {@code admin}
     * @return the role
     * @throws InvalidValueException naming the field {@code role} otherwise
     */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.label().equals(text)) {
                return role;
            }
        }
        throw new InvalidValueException("role", text, "must be viewer, operator or admin");
    }
}
