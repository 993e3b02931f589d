package io.orbitr.examples.backup;

import io.orbitr.backup.BackupListener;
import io.orbitr.backup.BackupProgress;
import java.io.PrintWriter;

/** Prints a backup's or restore's progress, one line per phase change and per volume, to standard error. */
final class ProgressPrinter implements BackupListener {
    private final PrintWriter err;
    private BackupProgress.Phase last;

    ProgressPrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void progress(BackupProgress progress) {
        if (progress.phase() != last || progress.phase() == BackupProgress.Phase.VOLUME && !progress.part().isEmpty()) {
            last = progress.phase();
            err.printf("%s %s (%d of %s parts, %d bytes)%n", progress.phase().name().toLowerCase(java.util.Locale.ROOT),
                    progress.part(), progress.partsDone(),
                    progress.partCount() < 0 ? "?" : String.valueOf(progress.partCount()), progress.bytesDone());
            err.flush();
        }
    }
}
