package io.orbitr.engine;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A volume.
 *
 * @param name       its name
 * @param driver     its driver, for example {@code local}
 * @param mountpoint where its data lives on the host
 * @param created    when it was created, when the engine says
 * @param labels     its labels
 * @param options    its driver options
 * @param scope      {@code local} or {@code global}
 */
public record VolumeDetails(String name, String driver, String mountpoint, Optional<Instant> created,
        Map<String, String> labels, Map<String, String> options, String scope) {

    /** Validates and freezes the details. */
    public VolumeDetails {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(mountpoint, "mountpoint");
        Objects.requireNonNull(created, "created");
        labels = EngineValues.freeze("labels", labels);
        options = EngineValues.freeze("options", options);
        Objects.requireNonNull(scope, "scope");
    }
}
