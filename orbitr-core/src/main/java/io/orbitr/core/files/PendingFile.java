package io.orbitr.core.files;

import io.orbitr.OrbitrException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file being written under a hidden temporary name beside its target, which it takes only when {@link #commit()}
 * or {@link #commitNew()} makes it durable: the content is forced to disk, the temporary file renamed, and the
 * directory forced so that the rename survives a crash. Closing it uncommitted deletes the temporary file. For a
 * write that takes a while (a backup archive) or must not replace a file (a key); {@link AtomicFiles} has the
 * one-call forms. Not thread-safe.
 */
public final class PendingFile implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PendingFile.class);

    private final Path target;
    private final Path temporary;
    private final boolean ownPermissions;

    private PendingFile(Path target, Path temporary, boolean ownPermissions) {
        this.target = target;
        this.temporary = temporary;
        this.ownPermissions = ownPermissions;
    }

    /**
     * Creates the temporary file (and the target's directory when needed).
     *
     * @param target      the file's final name
     * @param permissions the new file's permissions, empty to keep the file system's default (a POSIX file system
     *                    only; ignored elsewhere)
     * @return the pending file
     * @throws OrbitrException when the directory or the temporary file cannot be made
     */
    public static PendingFile begin(Path target, Set<PosixFilePermission> permissions) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(permissions, "permissions");
        Path absolute = target.toAbsolutePath();
        Path temporary = AtomicFiles.temporaryFor(absolute);
        try {
            Files.createDirectories(absolute.getParent());
            boolean posix = Files.getFileAttributeView(absolute.getParent(), PosixFileAttributeView.class) != null;
            if (posix && !permissions.isEmpty()) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(permissions));
                // The umask may have taken bits away: the caller asked for exactly these.
                Files.setPosixFilePermissions(temporary, permissions);
            } else {
                Files.createFile(temporary);
            }
        } catch (IOException e) {
            throw new OrbitrException("cannot write " + absolute + ": " + e, e);
        }
        return new PendingFile(absolute, temporary, !permissions.isEmpty());
    }

    /** @return the final name */
    public Path target() {
        return target;
    }

    /** @return the hidden temporary file the content goes to */
    public Path temporary() {
        return temporary;
    }

    /**
     * @return a stream writing the temporary file from its start; the caller closes it before committing
     * @throws IOException when it cannot be opened
     */
    public OutputStream output() throws IOException {
        return Files.newOutputStream(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Replaces the target (keeping the permissions of the file it replaces, unless the temporary file was given its
     * own) with the content written, atomically and durably.
     *
     * @throws OrbitrException when it cannot; the target is then unchanged
     */
    public void commit() {
        try {
            force(temporary);
            if (!ownPermissions) {
                copyPermissions(target, temporary);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new OrbitrException("cannot replace " + target + " atomically on this file system: "
                        + e.getMessage(), e);
            }
            AtomicFiles.forceDirectory(target.getParent());
        } catch (IOException e) {
            throw new OrbitrException("cannot write " + target + ": " + e, e);
        } finally {
            close();
        }
    }

    /**
     * Gives the content the target's name only if no file has it: never replaces one, even one that appears while
     * this is written (a hard link where the file system has them, which fails when the name is taken).
     *
     * @return whether the file was created; false when the name was taken
     * @throws OrbitrException when it cannot be written
     */
    public boolean commitNew() {
        try {
            force(temporary);
            try {
                Files.createLink(target, temporary);
            } catch (UnsupportedOperationException e) {
                // No hard links here: a move without REPLACE_EXISTING still refuses an existing file.
                Files.move(temporary, target);
            }
            AtomicFiles.forceDirectory(target.getParent());
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new OrbitrException("cannot write " + target + ": " + e, e);
        } finally {
            close();
        }
    }

    /** Deletes the temporary file, committed or not (after a link the target keeps the content). Idempotent. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // Only a hidden leftover, which AtomicFiles.removeTemporaries finds.
            log.warn("cannot delete the temporary file {}: {}", temporary, e.toString());
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && target != null && Files.isRegularFile(from)) {
            target.setPermissions(source.readAttributes().permissions());
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
