package io.orbitr.jdclient.update;

import io.orbitr.OrbitrException;
import io.orbitr.core.files.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The updater's files under {@code <dataDir>/jdclient}:
 * <pre>
 * bin/jd_client_sv2                 the current binary
 * bin/jd_client_sv2.previous        the binary the last install or rollback replaced, byte for byte
 * versions/TAG/jd_client_sv2        every installed release, for instances that stay on a version
 * downloads/*.part                  archives being downloaded (removed on success and failure)
 * </pre>
 * Every replacement is a copy into a temporary file in the same directory, flushed to disk and made executable,
 * then renamed over the target: a reader sees the old file or the new one, never half of one. A change of the current
 * binary is staged first ({@code bin/.jd_client_sv2.next} and {@code .backup}), then journaled in the store, then
 * renamed into place, so that a start after a crash can finish it ({@link BinaryUpdater#recover()}).
 */
final class BinaryFiles {
    private static final Logger log = LoggerFactory.getLogger(BinaryFiles.class);
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final String TEMP_PREFIX = "." + BinaryUpdater.BINARY_NAME + "-";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path bin;
    private final Path versions;
    private final Path downloads;

    BinaryFiles(Path dataDirectory) {
        Path root = dataDirectory.toAbsolutePath().normalize().resolve("jdclient");
        this.bin = root.resolve("bin");
        this.versions = root.resolve("versions");
        this.downloads = root.resolve("downloads");
    }

    Path current() {
        return bin.resolve(BinaryUpdater.BINARY_NAME);
    }

    Path previous() {
        return bin.resolve(BinaryUpdater.BINARY_NAME + ".previous");
    }

    Path downloads() {
        return downloads;
    }

    Path versionBinary(String tag) {
        return versions.resolve(Release.requireValidTag("version", tag)).resolve(BinaryUpdater.BINARY_NAME);
    }

    /** @return an empty temporary file in the version's directory, to extract into */
    Path newVersionTemp(String tag) {
        Path directory = versionBinary(tag).getParent();
        try {
            Files.createDirectories(directory);
            return Files.createTempFile(directory, TEMP_PREFIX, TEMP_SUFFIX);
        } catch (IOException e) {
            throw failure("cannot create a file in " + directory, e);
        }
    }

    /** Makes an extracted and checked binary the version's file. */
    void publishVersion(Path extracted, String tag) {
        try {
            makeDurableExecutable(extracted);
            Files.move(extracted, versionBinary(tag), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(versionBinary(tag).getParent());
        } catch (IOException e) {
            throw failure("cannot install " + versionBinary(tag), e);
        }
    }

    /** Removes a version directory left empty by a failed install. */
    void removeIfEmpty(String tag) {
        Path directory = versionBinary(tag).getParent();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            if (!entries.iterator().hasNext()) {
                Files.delete(directory);
            }
        } catch (IOException e) {
            log.debug("cannot tidy {}: {}", directory, e.getMessage());
        }
    }

    /** The durable copies a change of the current binary is made from, and their SHA-256 digests. */
    record Staged(String nextDigest, Optional<String> backupDigest) {
    }

    /**
     * Step one of a change of the current binary: durable copies of what becomes current ({@code source}) and of
     * what becomes the backup (the current binary, when there is one) under fixed hidden names in {@code bin/}.
     * Nothing a reader sees has changed yet; {@link #commitStaged()} makes it so.
     *
     * @param source what becomes the current binary
     * @return the copies' digests, for the journal
     */
    Staged stage(Path source) {
        discardStaged();
        copyDurably(source, stagedNext());
        Optional<String> backup = Optional.empty();
        if (Files.exists(current())) {
            copyDurably(current(), stagedBackup());
            backup = Optional.of(Sha256.of(stagedBackup()));
        }
        return new Staged(Sha256.of(stagedNext()), backup);
    }

    /**
     * Step two: renames the staged copies over the backup and the current binary, in that order. Idempotent: a copy
     * already renamed is skipped, so a start after a crash in the middle finishes the job.
     */
    void commitStaged() {
        try {
            if (Files.exists(stagedBackup())) {
                Files.move(stagedBackup(), previous(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.exists(stagedNext())) {
                Files.move(stagedNext(), current(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(bin);
        } catch (IOException e) {
            throw failure("cannot replace " + current(), e);
        }
    }

    /**
     * @param staged the digests the journal recorded
     * @return whether every staged copy still waiting to be renamed has the recorded content
     */
    boolean stagedIntact(Staged staged) {
        boolean next = !Files.exists(stagedNext()) || Sha256.of(stagedNext()).equals(staged.nextDigest());
        boolean backup = !Files.exists(stagedBackup())
                || staged.backupDigest().map(d -> d.equals(Sha256.of(stagedBackup()))).orElse(false);
        return next && backup;
    }

    /** Deletes the staged copies of a change that will not be made. */
    void discardStaged() {
        AssetDownloader.deleteQuietly(stagedNext());
        AssetDownloader.deleteQuietly(stagedBackup());
    }

    /**
     * Deletes what interrupted work left and no journal refers to: staged copies, temporary files of extractions
     * and copies, partial downloads, and version directories left empty.
     *
     * @return the files deleted
     */
    List<Path> removeLeftovers() {
        List<Path> removed = new ArrayList<>();
        for (Path staged : List.of(stagedNext(), stagedBackup())) {
            if (Files.exists(staged)) {
                AssetDownloader.deleteQuietly(staged);
                removed.add(staged);
            }
            removed.addAll(new AtomicFiles().removeTemporaries(staged));
        }
        removeMatching(bin, TEMP_PREFIX + "*" + TEMP_SUFFIX, removed);
        removeMatching(downloads, "*.part", removed);
        if (Files.isDirectory(versions)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(versions)) {
                for (Path entry : entries) {
                    if (Files.isDirectory(entry)) {
                        removeMatching(entry, TEMP_PREFIX + "*" + TEMP_SUFFIX, removed);
                        removeIfEmpty(entry.getFileName().toString());
                    }
                }
            } catch (IOException e) {
                throw failure("cannot list " + versions, e);
            }
        }
        return removed;
    }

    private Path stagedNext() {
        return bin.resolve("." + BinaryUpdater.BINARY_NAME + ".next");
    }

    private Path stagedBackup() {
        return bin.resolve("." + BinaryUpdater.BINARY_NAME + ".backup");
    }

    private static void removeMatching(Path directory, String glob, List<Path> removed) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, glob)) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
                removed.add(entry);
            }
        } catch (IOException e) {
            throw failure("cannot tidy " + directory, e);
        }
    }

    private void copyDurably(Path source, Path target) {
        try {
            AtomicFiles.replace(target, EXECUTABLE, out -> Files.copy(source, out));
        } catch (OrbitrException e) {
            throw new OrbitrException("cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /** @return the tags that have a binary under {@code versions/}, sorted */
    List<String> installedVersions() {
        List<String> tags = new ArrayList<>();
        if (!Files.isDirectory(versions)) {
            return tags;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(versions)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry.resolve(BinaryUpdater.BINARY_NAME))) {
                    tags.add(entry.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw failure("cannot list " + versions, e);
        }
        tags.sort(null);
        return tags;
    }

    void deleteVersion(String tag) {
        try {
            Files.deleteIfExists(versionBinary(tag));
            removeIfEmpty(tag);
        } catch (IOException e) {
            throw failure("cannot delete " + versionBinary(tag), e);
        }
    }

    private static void makeDurableExecutable(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(PosixFilePermissions.fromString("rwxr-xr-x"));
        } else if (!file.toFile().setExecutable(true, false)) {
            throw new IOException("cannot make " + file + " executable");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Flushes the directory entry of a rename; not every platform can open a directory, hence best effort. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("cannot sync directory {}: {}", directory, e.getMessage());
        }
    }

    private static OrbitrException failure(String what, IOException e) {
        return new OrbitrException(what + ": " + e.getMessage(), e);
    }
}
