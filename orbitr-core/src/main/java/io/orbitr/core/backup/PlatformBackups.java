package io.orbitr.core.backup;

import io.orbitr.backup.BackupInfo;
import io.orbitr.backup.BackupManifest;
import io.orbitr.backup.BackupOptions;
import io.orbitr.backup.BackupParticipant;
import io.orbitr.backup.BackupSettings;
import io.orbitr.backup.Backups;
import io.orbitr.backup.RestoreOptions;
import io.orbitr.backup.RestoreResult;
import io.orbitr.core.store.PostgresqlStores;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.Page;
import io.orbitr.PageRequest;
import io.orbitr.store.PasswordSource;
import io.orbitr.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The platform's {@link Backups}, created by the platform: {@code orbitr.backups()}. Backups are taken one at a
 * time; scheduled backups run on a worker thread of their own, started by {@link #startSchedule()} and stopped by
 * {@link #close()}. Thread-safe.
 */
public final class PlatformBackups implements Backups, AutoCloseable {
    private final Store store;
    private final Path dataDirectory;
    private final Clock clock;
    private final Supplier<ContainerEngine> engine;
    private final BackupCreation creation;
    private final PostgresqlTools tools;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private final BackupScheduler scheduler;
    private final ExecutorService worker;
    /** Why archives cannot hold this store (empty: they can), once asked: the store's kind never changes. */
    private volatile Optional<String> notCovered;

    /**
     * @param store         the platform's store
     * @param dataDirectory the platform's data directory
     * @param clock         stamps archives and drives the schedule
     * @param scheduler     the platform's scheduler, on which the schedule is checked
     * @param engine        the container engine, asked for only when volumes are in play
     * @param participants  the providers that leave files out of archives and record them instead
     * @param proxyFile     where the proxy's configuration file is, when it is configured
     */
    public PlatformBackups(Store store, Path dataDirectory, Clock clock, ScheduledExecutorService scheduler,
            Supplier<ContainerEngine> engine, Supplier<List<BackupParticipant>> participants,
            Supplier<Optional<Path>> proxyFile) {
        this(store, dataDirectory, clock, scheduler, engine, participants, proxyFile, PasswordSource.none());
    }

    /**
     * @param store         the platform's store
     * @param dataDirectory the platform's data directory
     * @param clock         stamps archives and drives the schedule
     * @param scheduler     the platform's scheduler, on which the schedule is checked
     * @param engine        the container engine, asked for only when volumes are in play
     * @param participants  the providers that leave files out of archives and record them instead
     * @param proxyFile     where the proxy's configuration file is, when it is configured
     * @param storePassword where a PostgreSQL store's password is, for {@code pg_dump}; {@link PasswordSource#none()}
     *                      leaves it to libpq ({@code PGPASSWORD} in this process's environment, {@code ~/.pgpass})
     */
    public PlatformBackups(Store store, Path dataDirectory, Clock clock, ScheduledExecutorService scheduler,
            Supplier<ContainerEngine> engine, Supplier<List<BackupParticipant>> participants,
            Supplier<Optional<Path>> proxyFile, PasswordSource storePassword) {
        this(store, dataDirectory, clock, scheduler, engine, participants, proxyFile,
                Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "orbitr-backup");
                    thread.setDaemon(true);
                    return thread;
                }), PostgresqlTools.system(), passwordReader(storePassword));
    }

    /** With the worker that runs scheduled backups; tests run them on their own thread. */
    PlatformBackups(Store store, Path dataDirectory, Clock clock, ScheduledExecutorService scheduler,
            Supplier<ContainerEngine> engine, Supplier<List<BackupParticipant>> participants,
            Supplier<Optional<Path>> proxyFile, ExecutorService worker) {
        this(store, dataDirectory, clock, scheduler, engine, participants, proxyFile, worker,
                PostgresqlTools.system(), Optional::empty);
    }

    /** With PostgreSQL's tools and the store's password; tests choose both. */
    PlatformBackups(Store store, Path dataDirectory, Clock clock, ScheduledExecutorService scheduler,
            Supplier<ContainerEngine> engine, Supplier<List<BackupParticipant>> participants,
            Supplier<Optional<Path>> proxyFile, ExecutorService worker, PostgresqlTools tools,
            Supplier<Optional<String>> storePassword) {
        this.store = Objects.requireNonNull(store, "store");
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.tools = Objects.requireNonNull(tools, "tools");
        this.creation = new BackupCreation(store, this.dataDirectory, clock, engine, participants, proxyFile, tools,
                storePassword);
        this.worker = Objects.requireNonNull(worker, "worker");
        this.scheduler = new BackupScheduler(this, clock, scheduler, worker);
    }

    /** The password is read when a backup is taken, as the store reads it when it opens: a rotated file is seen. */
    private static Supplier<Optional<String>> passwordReader(PasswordSource source) {
        Objects.requireNonNull(source, "storePassword");
        return () -> PostgresqlStores.password(source);
    }

    /** Starts checking the schedule of the saved settings (a platform without a schedule checks and does nothing). */
    public void startSchedule() {
        scheduler.start(every -> true);
    }

    /**
     * Starts checking the schedule, taking a due backup only when {@code onThisServer} allows (several servers on one
     * store: see {@link io.orbitr.core.cluster.SingletonJobs}).
     *
     * @param onThisServer asked when a backup is due, with the schedule's period: whether this server takes it
     */
    public void startSchedule(java.util.function.Predicate<java.time.Duration> onThisServer) {
        scheduler.start(Objects.requireNonNull(onThisServer, "onThisServer"));
    }

    @Override
    public BackupInfo create(BackupOptions options) {
        Objects.requireNonNull(options, "options");
        oneAtATime.lock();
        try {
            return creation.create(options, settings());
        } finally {
            oneAtATime.unlock();
        }
    }

    @Override
    public BackupManifest verify(Path archive) {
        return BackupRestore.verify(Objects.requireNonNull(archive, "archive"));
    }

    @Override
    public RestoreResult restore(RestoreOptions options) {
        Objects.requireNonNull(options, "options");
        return new BackupRestore(clock, Optional.of(dataDirectory), engine, settings().helperImage(),
                Optional.of(store), tools).restore(options);
    }

    @Override
    public Page<BackupInfo> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return Page.of(BackupCatalog.list(backupDirectory(settings())), page);
    }

    @Override
    public BackupSettings settings() {
        return store.read(BackupSettingsStore::read).orElseGet(BackupSettings::defaults);
    }

    @Override
    public void updateSettings(BackupSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (settings.schedule().isPresent() && notCovered().isPresent()) {
            // Every scheduled backup would fail, on whichever server took the job: refuse the schedule up front.
            throw new io.orbitr.InvalidValueException("schedule", settings.schedule().get(), "no backup can be"
                    + " scheduled here: " + notCovered().get());
        }
        store.inTransaction(connection -> {
            BackupSettingsStore.write(connection, settings, clock.millis());
            return null;
        });
        scheduler.settingsChanged();
    }

    /** Runs the schedule's check now; for tests that drive time themselves. */
    void checkSchedule() {
        scheduler.check();
    }

    /**
     * @return why backups cannot cover this platform's store (it is neither the embedded H2 file nor PostgreSQL, for
     *     example a private in-memory database), or empty when they can
     */
    Optional<String> notCovered() {
        Optional<String> known = notCovered;
        if (known == null) {
            try {
                StoreSnapshot.format(store);
                known = Optional.empty();
            } catch (io.orbitr.UnavailableException e) {
                known = Optional.of(e.getMessage());
            }
            notCovered = known;
        }
        return known;
    }

    Path backupDirectory(BackupSettings settings) {
        return dataDirectory.resolve(settings.directory()).normalize();
    }

    @Override
    public void close() {
        scheduler.close();
        worker.shutdownNow();
    }
}
