package io.orbitr.extension;

import java.util.Objects;

/**
 * A named volume of an extension, created as {@code orbitr-ext-<id>-<name>}.
 *
 * @param name the name services mount it by
 * @param kind data (kept on uninstall) or cache
 */
public record ExtensionVolume(String name, VolumeKind kind) {
    /** Checks for nulls. */
    public ExtensionVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
