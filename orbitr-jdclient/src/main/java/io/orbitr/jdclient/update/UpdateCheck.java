package io.orbitr.jdclient.update;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to "is there a newer jd-client?".
 *
 * @param installedVersion the current version, when one is installed
 * @param latest           the newest release GitHub offers (pre-releases only when asked for)
 * @param updateAvailable  whether {@code latest} is newer than the installed version, or nothing is installed
 */
public record UpdateCheck(Optional<String> installedVersion, Release latest, boolean updateAvailable) {

    /** Validates the check. */
    public UpdateCheck {
        Objects.requireNonNull(installedVersion, "installedVersion");
        Objects.requireNonNull(latest, "latest");
    }
}
