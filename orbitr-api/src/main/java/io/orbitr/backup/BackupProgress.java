package io.orbitr.backup;

import java.util.Objects;

/**
 * One step of a backup or restore, as a {@link BackupListener} hears it.
 *
 * @param phase     what is being done
 * @param part      the part in hand, for example {@code files/proxy/Caddyfile}; empty between parts
 * @param bytesDone bytes handled so far in this backup or restore
 * @param partsDone parts finished so far
 * @param partCount parts in all, -1 while unknown (a backup knows the count only when it has listed the files)
 */
public record BackupProgress(Phase phase, String part, long bytesDone, int partsDone, int partCount) {

    /** The steps of a backup and a restore. */
    public enum Phase {
        /** The store's online backup is being taken. */
        STORE,
        /** A data directory file is being copied. */
        FILES,
        /** A volume's contents are being copied out of or into the engine. */
        VOLUME,
        /** An archive is being checked. */
        VERIFY,
        /** Checked content is being moved into the data directory. */
        MOVE,
        /** Finished. */
        DONE
    }

    /** Validates the record. */
    public BackupProgress {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(part, "part");
    }
}
