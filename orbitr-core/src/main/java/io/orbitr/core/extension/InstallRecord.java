package io.orbitr.core.extension;

import io.orbitr.extension.Deployment;
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
 * @param deployment       containers or swarm services, kept from the install on
 */
record InstallRecord(ExtensionManifest manifest, Optional<ExtensionManifest> previous, ExtensionState state,
        Map<String, String> inputs, Map<String, String> secrets, Instant installedAt, Instant updatedAt,
        String engine, Deployment deployment) {
    InstallRecord {
        inputs = Map.copyOf(inputs);
        secrets = Map.copyOf(secrets);
        java.util.Objects.requireNonNull(deployment, "deployment");
    }

    /** A row of containers (what every caller but the install and the store reads). */
    InstallRecord(ExtensionManifest manifest, Optional<ExtensionManifest> previous, ExtensionState state,
            Map<String, String> inputs, Map<String, String> secrets, Instant installedAt, Instant updatedAt,
            String engine) {
        this(manifest, previous, state, inputs, secrets, installedAt, updatedAt, engine, Deployment.CONTAINERS);
    }

    String id() {
        return manifest.id();
    }

    InstallRecord with(ExtensionState newState, Instant now) {
        return new InstallRecord(manifest, previous, newState, inputs, secrets, installedAt, now, engine, deployment);
    }
}
