package io.orbitr.backup;

/**
 * Hears the progress of a backup or restore. Called on the working thread after each part and at each phase change;
 * must be quick and must not throw (an exception is logged and ignored).
 */
@FunctionalInterface
public interface BackupListener {
    /** A listener that ignores everything. */
    BackupListener NONE = progress -> { };

    /**
     * @param progress where the work stands
     */
    void progress(BackupProgress progress);
}
