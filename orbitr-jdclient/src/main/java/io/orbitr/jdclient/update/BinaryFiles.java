package io.orbitr.jdclient.update;

import io.orbitr.OrbitrException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
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
 * then renamed over the target: a reader sees the old file or the new one, never half of one.
 */
final class BinaryFiles {
    private static final Logger log = LoggerFactory.getLogger(BinaryFiles.class);
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

    /** Makes {@code source} the current binary; the binary it replaces becomes the backup. */
    void activate(Path source) {
        Path staged = stagedCopy(source);
        Path backup = null;
        try {
            if (Files.exists(current())) {
                backup = stagedCopy(current());
                Files.move(backup, previous(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(staged, current(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(bin);
        } catch (IOException e) {
            throw failure("cannot replace " + current(), e);
        } finally {
            AssetDownloader.deleteQuietly(staged);
            if (backup != null) {
                AssetDownloader.deleteQuietly(backup);
            }
        }
    }

    /** Makes the backup current again and keeps the binary it replaces as the new backup. */
    void swapWithPrevious() {
        Path restored = stagedCopy(previous());
        Path demoted = null;
        try {
            if (Files.exists(current())) {
                demoted = stagedCopy(current());
            }
            Files.move(restored, current(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (demoted != null) {
                Files.move(demoted, previous(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(bin);
        } catch (IOException e) {
            throw failure("cannot restore " + previous() + " as " + current(), e);
        } finally {
            AssetDownloader.deleteQuietly(restored);
            if (demoted != null) {
                AssetDownloader.deleteQuietly(demoted);
            }
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

    private Path stagedCopy(Path source) {
        Path temp = null;
        try {
            Files.createDirectories(bin);
            temp = Files.createTempFile(bin, TEMP_PREFIX, TEMP_SUFFIX);
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            makeDurableExecutable(temp);
            return temp;
        } catch (IOException e) {
            if (temp != null) {
                AssetDownloader.deleteQuietly(temp);
            }
            throw failure("cannot copy " + source + " into " + bin, e);
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
