package io.orbitr.backup;

import io.orbitr.InvalidValueException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an archive holds: its {@code manifest.json}.
 *
 * @param format        the archive format's version, {@value #FORMAT} for archives this Orbitr writes
 * @param orbitrVersion the version of Orbitr that wrote it
 * @param createdAt     when it was written
 * @param storeFormat   how the store part was written, for example {@code h2 2.3.232 BACKUP}
 * @param parts         every entry except the manifest itself
 * @param volumes       the engine volumes whose contents it holds
 * @param inventory     what was left out on purpose and recorded by name and digest
 */
public record BackupManifest(int format, String orbitrVersion, Instant createdAt, String storeFormat,
        List<BackupPart> parts, List<BackupVolume> volumes, List<InventoryItem> inventory) {
    /** The archive format this Orbitr writes and reads. */
    public static final int FORMAT = 1;
    /** The manifest's entry name. */
    public static final String ENTRY = "manifest.json";

    /** Validates and freezes the manifest. */
    public BackupManifest {
        if (format < 1) {
            throw new InvalidValueException("format", format, "must be 1 or more");
        }
        Objects.requireNonNull(orbitrVersion, "orbitrVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(storeFormat, "storeFormat");
        parts = List.copyOf(parts);
        volumes = List.copyOf(volumes);
        inventory = List.copyOf(inventory);
    }

    /**
     * @param path an entry name
     * @return the part of that name, or empty
     */
    public Optional<BackupPart> part(String path) {
        return parts.stream().filter(p -> p.path().equals(path)).findFirst();
    }

    /** @return the sum of the parts' sizes */
    public long totalBytes() {
        return parts.stream().mapToLong(BackupPart::size).sum();
    }
}
