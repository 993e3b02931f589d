package io.orbitr.core.files;

import io.orbitr.OrbitrException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Replaces files so that a reader sees the old content or the new, never a part, and a crash leaves one or the
 * other: the new content goes to a temporary file in the same directory, is forced to disk, and is renamed over
 * the target; the directory is forced too, so the rename survives a crash (see {@link PendingFile}). The temporary
 * name is hidden and ends in {@value #TEMP_EXTENSION}, never {@code .yml} or {@code .yaml}: Traefik's file provider
 * reads every YAML file of its directory, and would load a half-written one. Every module writes files this way
 * through this class: proxy configurations, log downloads, jd-client configurations and binaries, backups, the
 * secret key.
 *
 * <p>The instance methods exist so that a test can make a write fail on cue; they carry no state.
 */
public class AtomicFiles {
    /** The temporary file's extension. */
    public static final String TEMP_EXTENSION = ".tmp";

    /** Writes what a caller produces into the temporary file. */
    @FunctionalInterface
    public interface Content<R> {
        /**
         * @param out the temporary file; closed by the caller of this method
         * @return what the writer wants to report (bytes, lines)
         * @throws IOException when writing fails; the target is then left unchanged
         */
        R writeTo(OutputStream out) throws IOException;
    }

    /** A stateless helper; tests override it to fail a write. */
    public AtomicFiles() {
    }

    /**
     * @param target where the file goes
     * @return the temporary name used for it: hidden, in the same directory, ending in {@value #TEMP_EXTENSION}
     */
    public static Path temporaryFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_EXTENSION);
    }

    /**
     * Writes a file atomically from a stream of content, replacing the target, creating its directory when needed
     * and keeping the permissions of a file it replaces.
     *
     * @param target  the file
     * @param content writes the content
     * @param <R>     what the writer reports
     * @return what the writer returned
     * @throws OrbitrException when the file cannot be written (the writer's failure as its cause); the target is
     *                         then unchanged
     */
    public static <R> R replace(Path target, Content<R> content) {
        return replace(target, Set.of(), content);
    }

    /**
     * Like {@link #replace(Path, Content)}, giving the new file these permissions.
     *
     * @param target      the file
     * @param permissions the new file's permissions (POSIX only); empty to keep those of the file it replaces
     * @param content     writes the content
     * @param <R>         what the writer reports
     * @return what the writer returned
     */
    public static <R> R replace(Path target, Set<PosixFilePermission> permissions, Content<R> content) {
        try (PendingFile pending = PendingFile.begin(target, permissions)) {
            R result;
            try (OutputStream out = pending.output()) {
                result = content.writeTo(out);
            } catch (IOException e) {
                throw new OrbitrException("cannot write " + pending.target() + ": " + e.getMessage(), e);
            }
            pending.commit();
            return result;
        }
    }

    /**
     * Creates a file atomically unless one of that name exists (or appears meanwhile): it is never replaced.
     *
     * @param target      the file
     * @param permissions the new file's permissions (POSIX only), empty for the default
     * @param content     writes the content
     * @return whether the file was created; false when the name was taken
     */
    public static boolean createNew(Path target, Set<PosixFilePermission> permissions, Content<?> content) {
        try (PendingFile pending = PendingFile.begin(target, permissions)) {
            try (OutputStream out = pending.output()) {
                content.writeTo(out);
            } catch (IOException e) {
                throw new OrbitrException("cannot write " + pending.target() + ": " + e.getMessage(), e);
            }
            return pending.commitNew();
        }
    }

    /**
     * Makes a directory entry (a rename, a deletion) durable; some platforms cannot open a directory, and then
     * there is nothing to do.
     *
     * @param directory the directory
     */
    public static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here (Windows): the rename itself is still atomic.
        }
    }

    /**
     * @param file a file
     * @return the file's text, or empty when it does not exist
     */
    public Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new OrbitrException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the text atomically, creating the directory when needed and keeping the permissions of a file it
     * replaces.
     *
     * @param target  the file
     * @param content its new text (UTF-8)
     * @throws OrbitrException when the file cannot be written; the target is then unchanged
     */
    public void write(Path target, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        replace(target, out -> {
            out.write(bytes);
            return null;
        });
    }

    /**
     * Deletes the file if it exists.
     *
     * @param target the file
     * @throws OrbitrException when it exists and cannot be deleted
     */
    public void delete(Path target) {
        try {
            if (Files.deleteIfExists(target)) {
                forceDirectory(target.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new OrbitrException("cannot delete " + target + ": " + e, e);
        }
    }

    /**
     * Deletes what an interrupted write of the target left: its hidden temporary files.
     *
     * @param target the file whose temporaries to remove
     * @return the files deleted
     * @throws OrbitrException when the directory cannot be listed or a leftover cannot be deleted
     */
    public List<Path> removeTemporaries(Path target) {
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

    /**
     * Puts the file back as it was: the given content, or no file.
     *
     * @param target  the file
     * @param content its earlier text, or empty when there was no file
     */
    public void restore(Path target, Optional<String> content) {
        if (content.isPresent()) {
            write(target, content.get());
        } else {
            delete(target);
        }
    }
}
