package io.orbitr.core.process;

import io.orbitr.process.LogRotation;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A log file that rotates by size: {@code out.log} is the active file, {@code out.log.1} the newest rotated one,
 * {@code out.log.N} the oldest kept. Lines are written whole, as the process printed them, one per line; a line
 * is never split between files. Appends to an existing file and counts its size. Not thread-safe; {@link
 * ProcessOutput} guards it.
 */
final class RotatingLogFile implements AutoCloseable {
    private static final byte[] NEWLINE = {'\n'};

    private final Path path;
    private final LogRotation rotation;
    private OutputStream out;
    private long size;

    /**
     * Opens (and creates, with its directories) the active file for appending.
     *
     * @throws IOException when it cannot be opened
     */
    RotatingLogFile(Path path, LogRotation rotation) throws IOException {
        this.path = path.toAbsolutePath();
        this.rotation = rotation;
        open();
    }

    Path path() {
        return path;
    }

    LogRotation rotation() {
        return rotation;
    }

    /** Writes one line and its newline, rotating first when it would not fit. */
    void write(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long needed = bytes.length + 1L;
        if (size > 0 && size + needed > rotation.maxFileBytes()) {
            rotate();
        }
        out.write(bytes);
        out.write(NEWLINE);
        size += needed;
    }

    /** Pushes buffered lines to the file, so that a {@code tail -f} sees them. */
    void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** @return the rotated file with that number: {@code out.log.1} for 1 */
    Path backup(int number) {
        return path.resolveSibling(path.getFileName() + "." + number);
    }

    private void rotate() throws IOException {
        out.close();
        if (rotation.backups() == 0) {
            Files.delete(path);
        } else {
            Files.deleteIfExists(backup(rotation.backups()));
            for (int i = rotation.backups() - 1; i >= 1; i--) {
                if (Files.exists(backup(i))) {
                    Files.move(backup(i), backup(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(path, backup(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    private void open() throws IOException {
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE), 64 * 1024);
        size = Files.size(path);
    }
}
