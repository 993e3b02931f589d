package io.orbitr.core.backup;

import io.orbitr.ConflictException;
import io.orbitr.OrbitrException;
import io.orbitr.backup.BackupManifest;
import io.orbitr.backup.BackupPart;
import io.orbitr.core.files.PendingFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes one archive: parts first, each digested while it streams, then the manifest listing them. The archive is
 * a {@link PendingFile}: written under a hidden temporary name beside the target, forced to disk, and given the
 * target's name only when it is complete (never replacing a file), so a crash or a failure never leaves a file under the target's name. Not thread-safe.
 */
final class ArchiveWriter implements AutoCloseable {
    /** A temporary archive's name ends so: never mistaken for a backup, and skipped by the file walk. */
    static final String TEMP_SUFFIX = ".part";

    private final Path target;
    private final PendingFile pending;
    private final ZipArchiveOutputStream zip;
    private final List<BackupPart> parts = new ArrayList<>();
    private boolean finished;

    /** What writes a part's bytes. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    ArchiveWriter(Path target) {
        this.target = target;
        this.pending = PendingFile.begin(target, Set.of());
        try {
            this.zip = new ZipArchiveOutputStream(pending.temporary());
        } catch (IOException e) {
            pending.close();
            throw new OrbitrException("cannot write the backup " + target + ": " + e.getMessage(), e);
        }
        zip.setUseZip64(Zip64Mode.AsNeeded);
    }

    /**
     * Adds one part.
     *
     * @return the part as the manifest lists it
     */
    BackupPart add(String name, BackupPart.Kind kind, int mode, Content content) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setUnixMode(0100000 | (mode == 0 ? 0644 : mode));
        zip.putArchiveEntry(entry);
        CountingDigest digest = new CountingDigest(zip);
        content.writeTo(digest);
        zip.closeArchiveEntry();
        BackupPart part = new BackupPart(name, kind, digest.count(), digest.sha256(), mode);
        parts.add(part);
        return part;
    }

    /** @return the parts added so far */
    List<BackupPart> parts() {
        return List.copyOf(parts);
    }

    /** Writes the manifest, makes the archive durable and gives it its final name. */
    void finish(BackupManifest manifest) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(BackupManifest.ENTRY);
        entry.setUnixMode(0100644);
        zip.putArchiveEntry(entry);
        zip.write(ManifestJson.write(manifest));
        zip.closeArchiveEntry();
        zip.finish();
        zip.close();
        if (!pending.commitNew()) {
            // An archive appeared under the name meanwhile: a backup is never replaced by another.
            throw new ConflictException("the backup " + target + " appeared while this one was written; choose"
                    + " another file");
        }
        finished = true;
    }

    /** Abandons an unfinished archive: its temporary file is deleted. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            zip.close();
        } catch (IOException e) {
            // Deleted below anyway.
        }
        pending.close();
    }
}
