package io.orbitr.extension;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An installed extension as the store keeps it.
 *
 * @param manifest    the manifest it was installed (or last upgraded) with
 * @param state       its state
 * @param inputs      the install's input values; password inputs and generated secrets are left out
 * @param installedAt when the install finished
 * @param updatedAt   when it last changed
 */
public record InstalledExtension(ExtensionManifest manifest, ExtensionState state, Map<String, String> inputs,
        Instant installedAt, Instant updatedAt) {
    /** Checks for nulls and freezes the inputs. */
    public InstalledExtension {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(state, "state");
        inputs = Values.map("inputs", inputs);
        Objects.requireNonNull(installedAt, "installedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** @return the extension's id */
    public String id() {
        return manifest.id();
    }
}
