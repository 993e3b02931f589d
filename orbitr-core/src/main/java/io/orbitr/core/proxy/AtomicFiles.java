package io.orbitr.core.proxy;

import io.orbitr.OrbitrException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Replaces files so that a reader sees the old content or the new, never a part: the new content goes to a temporary
 * file in the same directory, is forced to disk, and is renamed over the target; the directory is forced too, so the
 * rename survives a crash. The temporary name is hidden and ends in {@code .tmp}, never {@code .yml} or
 * {@code .yaml}: Traefik's file provider reads every YAML file of its directory, and would load a half-written one.
 */
class AtomicFiles {
    /** The temporary file's extension. */
    static final String TEMP_EXTENSION = ".tmp";

    /** Overridden only by tests, to fail a write on purpose. */
    AtomicFiles() {
    }

    /** @return the file's text, or empty when it does not exist */
    Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new OrbitrException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param target where the file goes
     * @return the temporary name used for it: hidden, in the same directory, ending in {@value #TEMP_EXTENSION}
     */
    static Path temporaryFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_EXTENSION);
    }

    /**
     * Writes the content atomically, creating the directory when needed and keeping the permissions of a file it
     * replaces.
     *
     * @throws OrbitrException when the file cannot be written; the target is then unchanged
     */
    void write(Path target, String content) {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = temporaryFor(target.toAbsolutePath());
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            copyPermissions(target, temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new OrbitrException("cannot replace " + target + " atomically on this file system: "
                        + e.getMessage(), e);
            }
            forceDirectory(directory);
        } catch (IOException e) {
            throw new OrbitrException("cannot write " + target + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // Only a leftover hidden .tmp file, which no proxy reads.
            }
        }
    }

    /**
     * Deletes the file if it exists.
     *
     * @throws OrbitrException when it exists and cannot be deleted
     */
    void delete(Path target) {
        try {
            if (Files.deleteIfExists(target)) {
                forceDirectory(target.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new OrbitrException("cannot delete " + target + ": " + e, e);
        }
    }

    /**
     * Deletes what an interrupted {@link #write(Path, String)} of the target left: its hidden temporary files.
     *
     * @param target the file whose temporaries to remove
     * @return the files deleted
     * @throws OrbitrException when the directory cannot be listed or a leftover cannot be deleted
     */
    List<Path> removeTemporaries(Path target) {
        Path directory = target.toAbsolutePath().getParent();
        String prefix = "." + target.getFileName() + ".";
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, entry -> {
            String name = entry.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(TEMP_EXTENSION);
        })) {
            for (Path leftover : entries) {
                Files.deleteIfExists(leftover);
                removed.add(leftover);
            }
        } catch (IOException e) {
            throw new OrbitrException("cannot remove the temporary files of " + target + ": " + e, e);
        }
        return removed;
    }

    /** Puts the file back as it was: the given content, or no file. */
    void restore(Path target, Optional<String> content) {
        if (content.isPresent()) {
            write(target, content.get());
        } else {
            delete(target);
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && target != null && Files.isRegularFile(from)) {
            target.setPermissions(source.readAttributes().permissions());
        }
    }

    /** Makes the directory entry durable; some platforms cannot open a directory, and then there is nothing to do. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here (Windows): the rename itself is still atomic.
        }
    }
}
