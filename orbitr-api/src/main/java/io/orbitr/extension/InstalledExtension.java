package io.orbitr.extension;

import io.orbitr.engine.EngineSettings;
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
 * @param engine      the engine endpoint it runs on
 */
public record InstalledExtension(ExtensionManifest manifest, ExtensionState state, Map<String, String> inputs,
        Instant installedAt, Instant updatedAt, String engine) {
    /** Checks for nulls and freezes the inputs. */
    public InstalledExtension {
        Objects.requireNonNull(manifest, "manifest");
        EngineSettings.requireName(engine);
        Objects.requireNonNull(state, "state");
        inputs = Values.map("inputs", inputs);
        Objects.requireNonNull(installedAt, "installedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * An extension on the {@value EngineSettings#LOCAL} engine.
     *
     * @param manifest    the manifest
     * @param state       its state
     * @param inputs      the shown input values
     * @param installedAt when the install finished
     * @param updatedAt   when it last changed
     */
    public InstalledExtension(ExtensionManifest manifest, ExtensionState state, Map<String, String> inputs,
            Instant installedAt, Instant updatedAt) {
        this(manifest, state, inputs, installedAt, updatedAt, EngineSettings.LOCAL);
    }

    /** @return the extension's id */
    public String id() {
        return manifest.id();
    }
}
