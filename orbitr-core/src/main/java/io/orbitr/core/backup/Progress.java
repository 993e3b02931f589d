package io.orbitr.core.backup;

import io.orbitr.backup.BackupListener;
import io.orbitr.backup.BackupProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells a listener where a backup or restore stands; a listener that throws is logged and otherwise ignored. */
final class Progress {
    private static final Logger log = LoggerFactory.getLogger(Progress.class);

    private final BackupListener listener;
    private long bytes;
    private int parts;
    private int partCount = -1;

    Progress(BackupListener listener) {
        this.listener = listener;
    }

    void partCount(int count) {
        this.partCount = count;
    }

    void phase(BackupProgress.Phase phase) {
        tell(phase, "");
    }

    void partDone(BackupProgress.Phase phase, String part, long size) {
        bytes += size;
        parts++;
        tell(phase, part);
    }

    private void tell(BackupProgress.Phase phase, String part) {
        try {
            listener.progress(new BackupProgress(phase, part, bytes, parts, partCount));
        } catch (RuntimeException e) {
            log.warn("a backup listener failed: {}", e.toString());
        }
    }
}
