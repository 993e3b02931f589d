package io.orbitr.jdclient.keys;

import java.util.Objects;
import java.util.Set;

/**
 * The authority key pair stratum-mining publishes in its example configurations. Its secret is public, so anyone
 * can impersonate a node that uses it: configuration checks accept it with a warning, and Orbitr never uses it as a
 * default.
 */
public final class PublishedTestKeys {
    /** The published test public key. */
    public static final String PUBLIC_KEY = "9auqWEzQDVyd2oe1JVGFLMLHZtCo2FFqZwtKA5gd9xbuEu7PH72";
    /** The secret of {@link #PUBLIC_KEY}. */
    public static final String SECRET_KEY = "mkDLTBBRxdBv998612qipDYoTK3YUrqLe8uWw7gu3iXbSrn2n";

    private static final Set<String> KEYS = Set.of(PUBLIC_KEY, SECRET_KEY);

    private PublishedTestKeys() {
    }

    /**
     * @param key a key string, public or secret
     * @return whether it is one of the published test keys
     */
    public static boolean isPublished(String key) {
        return KEYS.contains(Objects.requireNonNull(key, "key").strip());
    }
}
