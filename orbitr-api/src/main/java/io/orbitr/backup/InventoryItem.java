package io.orbitr.backup;

import java.util.Objects;

/**
 * Something a {@link BackupParticipant} leaves out of archives on purpose and records by name and digest instead,
 * for example an installed jd-client binary: after a restore, install the same version again.
 *
 * @param participant who recorded it, for example {@code jdclient}
 * @param name        what it is, for example {@code jd-client v0.1.2}
 * @param path        where it was, relative to the data directory, with {@code /} separators
 * @param size        its length in bytes
 * @param sha256      its SHA-256, lowercase hex
 */
public record InventoryItem(String participant, String name, String path, long size, String sha256) {

    /** Validates the item. */
    public InventoryItem {
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
    }
}
