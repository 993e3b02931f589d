package io.orbitr.core.extension;

import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.ExtensionState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One row of {@code extension_installs}.
 *
 * @param manifest         the manifest installed, or being installed or upgraded to
 * @param previous         during an upgrade, the manifest before it
 * @param state            the state
 * @param inputs           every input's value, passwords included
 * @param secrets          the generated secrets
 * @param installedAt      when the install started
 * @param updatedAt        when the row last changed
 * @param engine           the engine endpoint the extension runs on, kept from the install on
 */
record InstallRecord(ExtensionManifest manifest, Optional<ExtensionManifest> previous, ExtensionState state,
        Map<String, String> inputs, Map<String, String> secrets, Instant installedAt, Instant updatedAt,
        String engine) {
    InstallRecord {
        inputs = Map.copyOf(inputs);
        secrets = Map.copyOf(secrets);
    }

    String id() {
        return manifest.id();
    }

    InstallRecord with(ExtensionState newState, Instant now) {
        return new InstallRecord(manifest, previous, newState, inputs, secrets, installedAt, now, engine);
    }
}
