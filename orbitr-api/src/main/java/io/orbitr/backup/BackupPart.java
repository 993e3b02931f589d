package io.orbitr.backup;

import io.orbitr.InvalidValueException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of an archive, as its manifest lists it.
 *
 * @param path   the entry's name in the archive, for example {@code files/proxy/Caddyfile}
 * @param kind   what it holds
 * @param size   its length in bytes
 * @param sha256 its SHA-256, 64 lowercase hex digits
 * @param mode   its POSIX permission bits (for example {@code 0600}), 0 when unknown
 */
public record BackupPart(String path, Kind kind, long size, String sha256, int mode) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** What a part holds. */
    public enum Kind {
        /** The store's snapshot, written by the database's own backup. */
        STORE,
        /** A file of the data directory, restored at the same relative path. */
        FILE,
        /** A proxy configuration file that lives outside the data directory; kept for the record, not restored. */
        PROXY,
        /** The contents of one engine volume, as a tar stream. */
        VOLUME
    }

    /** Validates the part. */
    public BackupPart {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sha256, "sha256");
        if (path.isEmpty()) {
            throw new InvalidValueException("part path", path, "must not be empty");
        }
        if (size < 0) {
            throw new InvalidValueException("part size", size, "must not be negative");
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new InvalidValueException("part sha256", sha256, "must be 64 lowercase hex digits");
        }
        if (mode < 0 || mode > 07777) {
            throw new InvalidValueException("part mode", Integer.toOctalString(mode), "must be POSIX permission bits");
        }
    }
}
