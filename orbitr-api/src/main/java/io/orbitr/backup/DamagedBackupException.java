package io.orbitr.backup;

import io.orbitr.InvalidValueException;
import java.nio.file.Path;

/**
 * An archive is not a whole, genuine backup: truncated, not a zip, a part whose size or SHA-256 differs from the
 * manifest, or an entry that would land outside its target. Nothing was written when this is thrown by a restore.
 */
public class DamagedBackupException extends InvalidValueException {
    private static final long serialVersionUID = 1L;

    /**
     * @param archive the archive
     * @param problem what is wrong, for example {@code part files/a.txt: SHA-256 differs from the manifest}
     */
    public DamagedBackupException(Path archive, String problem) {
        super("backup archive", archive, problem + "; nothing was restored from it");
    }

    /**
     * @param archive the archive
     * @param problem what is wrong
     * @param cause   the underlying failure
     */
    public DamagedBackupException(Path archive, String problem, Throwable cause) {
        this(archive, problem);
        initCause(cause);
    }
}
