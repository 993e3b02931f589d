package io.orbitr.backup;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a restore did.
 *
 * @param dataDirectory the data directory restored into
 * @param manifest      the archive's manifest
 * @param files         how many files were restored (the store included)
 * @param volumes       the volumes created again and filled
 * @param movedAside    where the directory's earlier contents were moved, when the restore was forced over them
 */
public record RestoreResult(Path dataDirectory, BackupManifest manifest, int files, List<String> volumes,
        Optional<Path> movedAside) {

    /** Validates and freezes the record. */
    public RestoreResult {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(manifest, "manifest");
        volumes = List.copyOf(volumes);
        Objects.requireNonNull(movedAside, "movedAside");
    }
}
