package io.orbitr.core.backup;

import io.orbitr.backup.BackupManifest;
import io.orbitr.backup.BackupPart;
import io.orbitr.backup.BackupVolume;
import io.orbitr.backup.DamagedBackupException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Opens an archive and checks it as a whole before anything is taken from it: a zip with its central directory (a
 * truncated file has none), a manifest this Orbitr reads, exactly the entries the manifest lists (no more, none
 * twice), every name safe, no link entries, every part's size and SHA-256 as listed, and every volume's tar stream
 * free of names and links that would land outside the volume. Not thread-safe; close it.
 */
final class ArchiveReader implements AutoCloseable {
    /** The largest manifest read into memory. */
    private static final int MAX_MANIFEST_BYTES = 64 << 20;

    private final Path archive;
    private final ZipFile zip;
    private final BackupManifest manifest;

    private ArchiveReader(Path archive, ZipFile zip, BackupManifest manifest) {
        this.archive = archive;
        this.zip = zip;
        this.manifest = manifest;
    }

    /**
     * Opens the archive and checks its structure (not yet the parts' content: see {@link #checkParts}).
     *
     * @throws DamagedBackupException naming the problem
     */
    static ArchiveReader open(Path archive) {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(archive).get();
        } catch (NoSuchFileException e) {
            throw new DamagedBackupException(archive, "does not exist", e);
        } catch (IOException e) {
            throw new DamagedBackupException(archive, "is not a whole zip archive (truncated or not a backup): "
                    + e.getMessage(), e);
        }
        try {
            return new ArchiveReader(archive, zip, checkStructure(archive, zip));
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    BackupManifest manifest() {
        return manifest;
    }

    /**
     * Reads every part, checks its size and SHA-256, scans each volume's tar stream, and hands each part's checked
     * bytes to {@code sink} (which may write them to a staging area; nothing may be trusted until this returns).
     *
     * @param sink where each part's bytes go while they are checked; {@code null} for a check only
     * @throws DamagedBackupException at the first part that does not match
     */
    void checkParts(PartSink sink, ProgressCounter progress) {
        for (BackupPart part : manifest.parts()) {
            ZipArchiveEntry entry = zip.getEntry(part.path());
            try (InputStream in = zip.getInputStream(entry)) {
                OutputStream target = sink == null ? OutputStream.nullOutputStream() : sink.open(part);
                CountingDigest digest = new CountingDigest(target);
                try (target) {
                    in.transferTo(digest);
                }
                if (digest.count() != part.size()) {
                    throw new DamagedBackupException(archive, "part " + part.path() + " holds " + digest.count()
                            + " bytes, the manifest says " + part.size());
                }
                if (!digest.sha256().equals(part.sha256())) {
                    throw new DamagedBackupException(archive, "part " + part.path()
                            + ": its SHA-256 differs from the manifest's");
                }
            } catch (IOException e) {
                throw new DamagedBackupException(archive, "part " + part.path() + " cannot be read whole: "
                        + e.getMessage(), e);
            }
            if (part.kind() == BackupPart.Kind.VOLUME) {
                try (InputStream in = zip.getInputStream(entry)) {
                    VolumeTarCheck.check(in, VolumeCopier.MOUNT.substring(1)).ifPresent(problem -> {
                        throw new DamagedBackupException(archive, "volume part " + part.path() + ": " + problem);
                    });
                } catch (IOException e) {
                    throw new DamagedBackupException(archive, "volume part " + part.path() + " is not a tar stream: "
                            + e.getMessage(), e);
                }
            }
            progress.partDone(part);
        }
    }

    /**
     * @param part a part of this archive's manifest
     * @return its bytes, for a part already checked
     */
    InputStream open(BackupPart part) throws IOException {
        return zip.getInputStream(zip.getEntry(part.path()));
    }

    /** Where checked bytes go. */
    @FunctionalInterface
    interface PartSink {
        /** @return a stream for the part's bytes; closed by the reader */
        OutputStream open(BackupPart part) throws IOException;
    }

    /** Counts the parts checked, for progress. */
    @FunctionalInterface
    interface ProgressCounter {
        void partDone(BackupPart part);
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static BackupManifest checkStructure(Path archive, ZipFile zip) {
        ZipArchiveEntry manifestEntry = zip.getEntry(BackupManifest.ENTRY);
        if (manifestEntry == null) {
            throw new DamagedBackupException(archive, "has no " + BackupManifest.ENTRY + " (not an Orbitr backup)");
        }
        BackupManifest manifest = readManifest(archive, zip, manifestEntry);
        if (manifest.format() > BackupManifest.FORMAT) {
            throw new DamagedBackupException(archive, "was written in archive format " + manifest.format() + " by"
                    + " Orbitr " + manifest.orbitrVersion() + "; this Orbitr reads up to format " + BackupManifest.FORMAT
                    + ": restore it with a newer Orbitr");
        }
        Set<String> listed = new HashSet<>();
        int stores = 0;
        for (BackupPart part : manifest.parts()) {
            problem(part.path()).or(() -> EntryNames.kindProblem(part.kind(), part.path())).ifPresent(problem -> {
                throw new DamagedBackupException(archive, "entry '" + part.path() + "' " + problem);
            });
            if (!listed.add(part.path())) {
                throw new DamagedBackupException(archive, "the manifest lists '" + part.path() + "' twice");
            }
            if (part.kind() == BackupPart.Kind.STORE) {
                stores++;
            }
        }
        if (stores > 1) {
            throw new DamagedBackupException(archive, "the manifest lists " + stores + " store parts, at most one"
                    + " may be restored");
        }
        Set<String> volumeParts = new HashSet<>();
        for (BackupVolume volume : manifest.volumes()) {
            Optional<String> name = EntryNames.volumeName(volume.part());
            if (name.isEmpty() || !name.get().equals(volume.name())
                    || manifest.part(volume.part()).map(p -> p.kind() != BackupPart.Kind.VOLUME).orElse(true)
                    || !volumeParts.add(volume.part())) {
                throw new DamagedBackupException(archive, "volume " + volume.name() + " does not match its part '"
                        + volume.part() + "'");
            }
        }
        long volumeKinds = manifest.parts().stream().filter(p -> p.kind() == BackupPart.Kind.VOLUME).count();
        if (volumeKinds != volumeParts.size()) {
            throw new DamagedBackupException(archive, "the manifest lists volume parts that belong to no volume");
        }
        Set<String> seen = new HashSet<>();
        for (Enumeration<ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements(); ) {
            ZipArchiveEntry entry = entries.nextElement();
            String name = entry.getName();
            problem(name).ifPresent(problem -> {
                throw new DamagedBackupException(archive, "entry '" + name + "' " + problem);
            });
            if (entry.isUnixSymlink()) {
                throw new DamagedBackupException(archive, "entry '" + name + "' is a symbolic link; backups hold"
                        + " none");
            }
            if (!seen.add(name)) {
                throw new DamagedBackupException(archive, "entry '" + name + "' appears twice");
            }
            if (!name.equals(BackupManifest.ENTRY) && !listed.contains(name)) {
                throw new DamagedBackupException(archive, "entry '" + name + "' is not in the manifest");
            }
        }
        List<String> missing = new ArrayList<>(listed);
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            throw new DamagedBackupException(archive, "the manifest lists " + missing + " but the archive lacks them");
        }
        return manifest;
    }

    private static Optional<String> problem(String name) {
        return EntryNames.problem(name);
    }

    private static BackupManifest readManifest(Path archive, ZipFile zip, ZipArchiveEntry entry) {
        if (entry.getSize() > MAX_MANIFEST_BYTES) {
            throw new DamagedBackupException(archive, "its manifest is larger than " + MAX_MANIFEST_BYTES + " bytes");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return ManifestJson.read(in.readNBytes(MAX_MANIFEST_BYTES));
        } catch (IOException e) {
            throw new DamagedBackupException(archive, "its manifest cannot be read: " + e.getMessage(), e);
        } catch (ManifestJson.BadManifest e) {
            throw new DamagedBackupException(archive, e.getMessage(), e);
        }
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException e) {
            // Only a read handle.
        }
    }

    /** Deletes a staging tree, quietly: used after a refused archive. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(ArchiveReader.class).warn("could not delete {}: {}", root, e.toString());
        }
    }
}
