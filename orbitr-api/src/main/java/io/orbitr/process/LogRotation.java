package io.orbitr.process;

import io.orbitr.InvalidValueException;

/**
 * How a process's log file is rotated by size, as supervisord's {@code stdout_logfile_maxbytes} and
 * {@code stdout_logfile_backups} do it: when the next line would take the file past {@code maxFileBytes}, the file
 * becomes {@code NAME.1}, {@code NAME.1} becomes {@code NAME.2} and so on, and the oldest beyond {@code backups} is
 * deleted. A line is never split between two files.
 *
 * @param maxFileBytes the size at which the active file is rotated, at least 1 KiB
 * @param backups      how many rotated files are kept besides the active one; 0 truncates the file instead
 */
public record LogRotation(long maxFileBytes, int backups) {

    /** 10 MiB per file. */
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;

    /** Validates the sizes. */
    public LogRotation {
        if (maxFileBytes < 1024) {
            throw new InvalidValueException("maxFileBytes", maxFileBytes, "must be at least 1024 bytes");
        }
        if (backups < 0 || backups > 1000) {
            throw new InvalidValueException("backups", backups, "must be between 0 and 1000");
        }
    }

    /** @return 10 MiB per file, 2 backups: at most 3 files and 30 MiB per process */
    public static LogRotation defaults() {
        return new LogRotation(DEFAULT_MAX_FILE_BYTES, 2);
    }
}
