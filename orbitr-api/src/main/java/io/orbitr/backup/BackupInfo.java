package io.orbitr.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An archive, as a list of backups shows it.
 *
 * @param file          the archive file
 * @param createdAt     when it was written
 * @param size          the archive's length in bytes
 * @param orbitrVersion the version of Orbitr that wrote it
 * @param parts         how many parts it holds
 * @param volumes       the names of the volumes it holds
 */
public record BackupInfo(Path file, Instant createdAt, long size, String orbitrVersion, int parts,
        List<String> volumes) {

    /** Validates and freezes the record. */
    public BackupInfo {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(orbitrVersion, "orbitrVersion");
        volumes = List.copyOf(volumes);
    }
}
