package io.orbitr.jdclient.update;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What an install or rollback did.
 *
 * @param action       install or rollback
 * @param fromVersion  the version current before, {@value BinaryUpdater#NO_VERSION} when none was installed
 * @param toVersion    the version current now
 * @param binary       the current binary, {@code <dataDir>/jdclient/bin/jd_client_sv2}
 * @param binarySha256 the SHA-256 of the current binary, lowercase hex
 * @param verified     whether the archive was checked against GitHub's digest (false only for an install the
 *                     caller allowed unverified, and for rollbacks, which restore a binary installed earlier)
 * @param changed      false when the requested version was already current and nothing was done
 */
public record UpdateResult(UpdateAction action, String fromVersion, String toVersion, Path binary,
                           String binarySha256, boolean verified, boolean changed) {

    /** Validates the result. */
    public UpdateResult {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(toVersion, "toVersion");
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(binarySha256, "binarySha256");
    }
}
