package io.orbitr.core.backup;

import io.orbitr.backup.BackupInfo;
import io.orbitr.backup.BackupOptions;
import io.orbitr.backup.BackupSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes backups on the settings' schedule and keeps the newest {@link BackupSettings#keep()}: a check on the
 * platform's scheduler every {@value #CHECK_SECONDS} seconds compares the clock with the newest platform-named
 * archive (so a restart neither repeats nor skips a backup), and hands a due backup to a worker, never running two
 * at once and never blocking the scheduler's threads. A failed backup is logged and tried again at the next check.
 * With several servers on one PostgreSQL store, the server that holds the job's lease takes the backup, into its own
 * data directory's backup directory.
 */
final class BackupScheduler implements AutoCloseable {
    static final long CHECK_SECONDS = 60;
    private static final Logger log = LoggerFactory.getLogger(BackupScheduler.class);

    private final PlatformBackups backups;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Executor worker;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Optional<Instant> last;
    private ScheduledFuture<?> check;
    /** Whether a stored schedule that cannot run here was reported (once: the store's kind never changes). */
    private final AtomicBoolean toldNotCovered = new AtomicBoolean();
    /** Whether this server takes a due backup (with several servers on one store, one of them does). */
    private volatile java.util.function.Predicate<Duration> mayRun = every -> true;

    BackupScheduler(PlatformBackups backups, Clock clock, ScheduledExecutorService scheduler, Executor worker) {
        this.backups = backups;
        this.clock = clock;
        this.scheduler = scheduler;
        this.worker = worker;
    }

    synchronized void start(java.util.function.Predicate<Duration> onThisServer) {
        this.mayRun = onThisServer;
        if (check == null) {
            check = scheduler.scheduleWithFixedDelay(this::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Runs one check: takes a backup when one is due. */
    void check() {
        try {
            BackupSettings settings = backups.settings();
            if (settings.schedule().isEmpty() || running.get()) {
                return;
            }
            Optional<String> notCovered = backups.notCovered();
            if (notCovered.isPresent()) {
                // A schedule on a store archives cannot hold (a host's own database of another kind): no server
                // takes the job's lease, and the log says so once instead of failing every minute.
                if (toldNotCovered.compareAndSet(false, true)) {
                    log.warn("the backup schedule ({}) is not followed: {}", settings.schedule().get(),
                            notCovered.get());
                }
                return;
            }
            Path directory = backups.backupDirectory(settings);
            if (last == null) {
                last = BackupCatalog.list(directory).stream()
                        .filter(info -> info.file().getFileName().toString().startsWith(BackupCreation.NAME_PREFIX))
                        .map(BackupInfo::createdAt).findFirst();
            }
            Duration every = settings.schedule().get();
            Instant now = clock.instant();
            if (last.isPresent() && now.isBefore(last.get().plus(every))) {
                return;
            }
            if (!mayRun.test(every)) {
                return;
            }
            if (running.compareAndSet(false, true)) {
                worker.execute(() -> run(settings, directory));
            }
        } catch (RuntimeException e) {
            log.warn("scheduled backup check failed: {}", e.toString());
        }
    }

    private void run(BackupSettings settings, Path directory) {
        try {
            BackupInfo made = backups.create(BackupOptions.builder().volumes(settings.volumes()).build());
            last = Optional.of(made.createdAt());
            BackupCatalog.prune(directory, settings.keep());
        } catch (RuntimeException e) {
            log.error("scheduled backup failed (tried again in {} s): {}", CHECK_SECONDS, e.getMessage());
        } finally {
            running.set(false);
        }
    }

    /** Forgets the newest archive's time: the backup directory may have changed. */
    void settingsChanged() {
        last = null;
    }

    @Override
    public synchronized void close() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
