package io.orbitr.jdclient.update;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The jd-client binary an instance can run.
 *
 * @param version the release tag it came from, {@value BinaryUpdater#UNKNOWN_VERSION} for a binary Orbitr did
 *                not install
 * @param path    the executable file
 */
public record InstalledBinary(String version, Path path) {

    /** Validates the binary. */
    public InstalledBinary {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(path, "path");
    }
}
