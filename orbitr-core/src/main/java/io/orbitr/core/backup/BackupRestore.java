package io.orbitr.core.backup;

import io.orbitr.ConflictException;
import io.orbitr.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import io.orbitr.backup.BackupManifest;
import io.orbitr.backup.BackupPart;
import io.orbitr.backup.BackupProgress.Phase;
import io.orbitr.backup.BackupVolume;
import io.orbitr.backup.DamagedBackupException;
import io.orbitr.backup.RestoreOptions;
import io.orbitr.backup.RestoreResult;
import io.orbitr.core.files.AtomicFiles;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.store.PostgresqlSettings;
import io.orbitr.store.Store;
import io.orbitr.store.StoreSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores an archive into a data directory, in an order that writes nothing from a damaged archive:
 * <ol>
 * <li>the target is checked (empty or absent, unless forced; never in use by a running platform);
 * <li>the archive is checked and unpacked into a staging directory beside the target, every part against its size
 *     and SHA-256, every name against escape; a refused archive leaves only the staging directory, which is deleted;
 * <li>with volumes: the engine and the helper image are checked and existing volumes refused unless forced, then
 *     each volume is created with its labels and filled (a failure removes the volumes this restore created);
 * <li>the staged files are moved into the target by renames on the same file system; with force, what the target
 *     held is first moved aside to a sibling directory, never deleted.
 * </ol>
 * Into a PostgreSQL store ({@link RestoreOptions#store()}), the store part is a {@code pg_dump} and goes into the
 * database instead: the schema is checked first (an archive of an H2 store is refused, as are a schema of another
 * name, a schema that holds tables and one that servers hold leases on, unless forced), and restored with {@code
 * pg_restore} in one transaction after the volumes, just before the files are moved (a failure there removes the
 * volumes this restore created, and changes nothing in the database).
 */
final class BackupRestore {
    private static final Logger log = LoggerFactory.getLogger(BackupRestore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String DATABASE_FILE = "orbitr.mv.db";

    private final Clock clock;
    private final Optional<Path> runningDataDirectory;
    private final Supplier<ContainerEngine> engine;
    private final String helperImage;
    private final Optional<Store> runningStore;
    private final PostgresqlTools tools;

    /**
     * @param clock                names the directory a forced restore moves earlier contents to
     * @param runningDataDirectory the data directory of the platform doing the restore, never a target
     * @param engine               the engine, asked for only when volumes are restored
     * @param helperImage          the helper container's image
     */
    BackupRestore(Clock clock, Optional<Path> runningDataDirectory, Supplier<ContainerEngine> engine,
            String helperImage) {
        this(clock, runningDataDirectory, engine, helperImage, Optional.empty(), PostgresqlTools.system());
    }

    /**
     * @param clock                names the directory a forced restore moves earlier contents to; judges leases
     * @param runningDataDirectory the data directory of the platform doing the restore, never a target
     * @param engine               the engine, asked for only when volumes are restored
     * @param helperImage          the helper container's image
     * @param runningStore         the store of the platform doing the restore, never a target
     * @param tools                PostgreSQL's tools, for a PostgreSQL target
     */
    BackupRestore(Clock clock, Optional<Path> runningDataDirectory, Supplier<ContainerEngine> engine,
            String helperImage, Optional<Store> runningStore, PostgresqlTools tools) {
        this.clock = clock;
        this.runningDataDirectory = runningDataDirectory.map(p -> p.toAbsolutePath().normalize());
        this.engine = engine;
        this.helperImage = helperImage;
        this.runningStore = runningStore;
        this.tools = tools;
    }

    RestoreResult restore(RestoreOptions options) {
        Path target = options.dataDirectory().toAbsolutePath().normalize();
        Path archive = options.archive().toAbsolutePath().normalize();
        checkTarget(target, options.force());
        Optional<PostgresqlSettings> postgresql = options.store() instanceof PostgresqlSettings settings
                ? Optional.of(settings) : Optional.empty();
        Progress progress = new Progress(options.listener());
        Path parent = target.getParent();
        if (parent == null) {
            throw new io.orbitr.InvalidValueException("dataDirectory", target, "must not be the file system's root");
        }
        Path staging = parent.resolve("." + target.getFileName() + ".restore-" + UUID.randomUUID());
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            BackupManifest manifest = reader.manifest();
            StoreFormat format = StoreFormat.parse(manifest.storeFormat());
            boolean hasStore = manifest.parts().stream().anyMatch(part -> part.kind() == BackupPart.Kind.STORE);
            if (hasStore) {
                checkStoreKind(format, options.store(), target);
            }
            if (hasStore && postgresql.isPresent() && manifest.part(StoreSnapshot.PGDUMP_ENTRY).isEmpty()) {
                throw new DamagedBackupException(archive, "says it holds " + format.describe() + " but has no "
                        + StoreSnapshot.PGDUMP_ENTRY);
            }
            // Before anything is unpacked: a schema that is in use or not empty refuses the restore at once.
            Optional<PostgresqlLogin> database = postgresql.filter(settings -> hasStore).map(settings ->
                    PostgresqlTarget.check(settings, format.schema().orElseThrow(), options.force(), clock,
                            runningStore));
            database.ifPresent(login -> tools.require("pg_restore"));
            progress.partCount(manifest.parts().size());
            progress.phase(Phase.VERIFY);
            boolean withVolumes = options.volumes() && !manifest.volumes().isEmpty();
            Path data = staging.resolve("data");
            Path volumes = staging.resolve("volumes");
            Path storeParts = database.isPresent() ? staging.resolve("store") : data;
            Files.createDirectories(data);
            Files.createDirectories(volumes);
            Files.createDirectories(storeParts);
            int[] files = {0};
            reader.checkParts(part -> sink(part, data, storeParts, volumes, withVolumes, files),
                    part -> progress.partDone(Phase.VERIFY, part.path(), part.size()));
            setModes(manifest, data, storeParts);
            // Only a whole archive gets this far; the engine is asked next, still before anything is written.
            VolumeCopier copier = withVolumes ? new VolumeCopier(engine.get(), helperImage) : null;
            if (copier != null) {
                checkVolumes(copier, manifest, options.force());
            }
            List<String> restoredVolumes = copier == null ? List.of()
                    : restoreVolumes(copier, manifest, volumes, options.force(), progress);
            if (database.isPresent()) {
                progress.phase(Phase.STORE);
                restoreDatabase(database.get(), postgresql.get(), storeParts, staging, restoredVolumes);
            }
            progress.phase(Phase.MOVE);
            Optional<Path> aside = moveIntoPlace(data, target);
            progress.phase(Phase.DONE);
            log.info("restored backup {} (Orbitr {}, {}) into {}{}: {} files, volumes {}{}", archive,
                    manifest.orbitrVersion(), manifest.createdAt(), target,
                    database.map(login -> " and " + login.where()).orElse(""), files[0], restoredVolumes,
                    aside.map(p -> "; earlier contents moved to " + p).orElse(""));
            return new RestoreResult(target, manifest, files[0], restoredVolumes, aside);
        } catch (IOException e) {
            throw new OrbitrException("could not restore " + archive + " into " + target + ": " + e.getMessage(), e);
        } finally {
            ArchiveReader.deleteTree(staging);
        }
    }

    /** An archive restores only into the kind of store it was taken from: Orbitr does not convert between them. */
    private static void checkStoreKind(StoreFormat format, StoreSettings store, Path target) {
        boolean toPostgresql = store instanceof PostgresqlSettings;
        StoreFormat.Kind wanted = toPostgresql ? StoreFormat.Kind.POSTGRESQL : StoreFormat.Kind.H2;
        if (format.kind() == wanted) {
            return;
        }
        String into = toPostgresql ? "a PostgreSQL store (" + store + ")" : "an H2 store (the file orbitr.mv.db"
                + " under " + target + ")";
        String instead = switch (format.kind()) {
            case H2 -> "restore it into a data directory with the H2 store (--store h2, the default)";
            case POSTGRESQL -> "restore it into a PostgreSQL database (--store postgresql://USER@HOST/DATABASE"
                    + " --store-schema " + format.schema().orElse("SCHEMA") + ")";
            case OTHER -> "restore it with the Orbitr that wrote it";
        };
        throw new ConflictException("the archive holds " + format.describe() + " and cannot be restored into " + into
                + ": Orbitr does not convert between H2 and PostgreSQL; " + instead);
    }

    /** The dump goes in last but one: a failure leaves the database as it was and removes the volumes created. */
    private void restoreDatabase(PostgresqlLogin login, PostgresqlSettings settings, Path storeParts, Path staging,
            List<String> restoredVolumes) throws IOException {
        boolean created = false;
        try {
            created = PostgresqlTarget.createSchema(settings, login);
            tools.restore(login, storeParts.resolve(StoreSnapshot.PGDUMP_ENTRY.substring(
                    EntryNames.STORE_PREFIX.length())), staging);
        } catch (RuntimeException | IOException e) {
            if (created) {
                PostgresqlTarget.dropCreated(settings, login, e);
            }
            removeVolumes(restoredVolumes, e);
            throw e;
        }
    }

    private void checkTarget(Path target, boolean force) {
        if (runningDataDirectory.isPresent() && runningDataDirectory.get().equals(target)) {
            throw new ConflictException("cannot restore into " + target + ": this platform runs on it; restore into"
                    + " another directory, or stop the platform and restore from the command line");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new ConflictException("cannot restore into " + target + ": it is a file, not a directory");
        }
        if (inUse(target.resolve(DATABASE_FILE))) {
            throw new ConflictException("cannot restore into " + target + ": a running Orbitr uses it; stop it first");
        }
        if (!force && !isEmpty(target)) {
            throw new ConflictException("cannot restore into " + target + ": it is not empty; choose an empty"
                    + " directory, or restore with force (its contents are moved aside, not deleted)");
        }
    }

    private void checkVolumes(VolumeCopier copier, BackupManifest manifest, boolean force) {
        ContainerEngine client = engine.get();
        try {
            client.ping();
        } catch (UnavailableException e) {
            throw new UnavailableException("the archive holds volumes " + manifest.volumes().stream()
                    .map(BackupVolume::name).toList() + " but the engine does not answer (" + e.getMessage()
                    + "); start it, or restore without volumes", e);
        }
        copier.requireImage();
        if (force) {
            return;
        }
        for (BackupVolume volume : manifest.volumes()) {
            try {
                client.volumes().inspect(volume.name());
                throw new ConflictException("volume " + volume.name() + " exists already; remove it, or restore with"
                        + " force (it is then replaced)");
            } catch (NotFoundException absent) {
                // As it should be.
            }
        }
    }

    private static OutputStream sink(BackupPart part, Path data, Path storeParts, Path volumes, boolean withVolumes,
            int[] files) throws IOException {
        Path file = switch (part.kind()) {
            case STORE -> storeParts.resolve(part.path().substring(EntryNames.STORE_PREFIX.length()));
            case FILE -> data.resolve(part.path().substring(EntryNames.FILES_PREFIX.length()));
            case VOLUME -> withVolumes ? volumes.resolve(part.path().substring(EntryNames.VOLUMES_PREFIX.length()))
                    : null;
            case PROXY -> null; // kept for the record: the platform renders the proxy file from the restored routes
        };
        if (file == null) {
            return OutputStream.nullOutputStream();
        }
        Path root = part.kind() == BackupPart.Kind.VOLUME ? volumes
                : part.kind() == BackupPart.Kind.STORE ? storeParts : data;
        if (!file.normalize().startsWith(root)) {
            // EntryNames already refused such names; this guards the rule where it matters.
            throw new IOException("entry " + part.path() + " would land outside " + root);
        }
        if (part.kind() != BackupPart.Kind.VOLUME) {
            files[0]++;
        }
        Files.createDirectories(file.getParent());
        return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    private static void setModes(BackupManifest manifest, Path data, Path storeParts) throws IOException {
        for (BackupPart part : manifest.parts()) {
            if (part.mode() == 0 || (part.kind() != BackupPart.Kind.FILE && part.kind() != BackupPart.Kind.STORE)) {
                continue;
            }
            String relative = part.path().substring(part.kind() == BackupPart.Kind.FILE
                    ? EntryNames.FILES_PREFIX.length() : EntryNames.STORE_PREFIX.length());
            Path file = (part.kind() == BackupPart.Kind.STORE ? storeParts : data).resolve(relative);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.setPosixFilePermissions(file, permissions(part.mode()));
            } catch (UnsupportedOperationException e) {
                return; // not a POSIX file system
            }
        }
    }

    /** Only the read, write and execute bits: set-id bits from an archive are never applied. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - permission.ordinal()))) != 0) {
                out.add(permission);
            }
        }
        return out;
    }

    private List<String> restoreVolumes(VolumeCopier copier, BackupManifest manifest, Path staged, boolean force,
            Progress progress) throws IOException {
        ContainerEngine client = engine.get();
        List<String> created = new ArrayList<>();
        try {
            for (BackupVolume volume : manifest.volumes()) {
                if (force) {
                    try {
                        client.volumes().remove(volume.name(), false);
                        log.info("restore: removed volume {} to replace it", volume.name());
                    } catch (NotFoundException absent) {
                        // Nothing to replace.
                    }
                }
                progress.phase(Phase.VOLUME);
                Path tar = staged.resolve(volume.part().substring(EntryNames.VOLUMES_PREFIX.length()));
                created.add(volume.name());
                try (InputStream in = Files.newInputStream(tar)) {
                    copier.copyIn(volume, in);
                }
                progress.partDone(Phase.VOLUME, volume.part(), Files.size(tar));
            }
            return created;
        } catch (RuntimeException | IOException e) {
            removeVolumes(created, e);
            throw e;
        }
    }

    /** Removes the volumes a failed restore created; what fails to go is added to the restore's failure. */
    private void removeVolumes(List<String> created, Exception failure) {
        if (created.isEmpty()) {
            return;
        }
        ContainerEngine client = engine.get();
        for (String name : created) {
            try {
                client.volumes().remove(name, true);
            } catch (OrbitrException again) {
                failure.addSuppressed(again);
            }
        }
    }

    private Optional<Path> moveIntoPlace(Path staged, Path target) throws IOException {
        Files.createDirectories(target);
        Optional<Path> aside = Optional.empty();
        if (!isEmpty(target)) {
            Path moved = target.resolveSibling(target.getFileName() + ".replaced-" + STAMP.format(clock.instant()));
            Files.createDirectories(moved);
            for (Path child : children(target)) {
                Files.move(child, moved.resolve(child.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            aside = Optional.of(moved);
        }
        for (Path child : children(staged)) {
            Files.move(child, target.resolve(child.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        AtomicFiles.forceDirectory(target);
        return aside;
    }

    private static List<Path> children(Path directory) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(out::add);
        }
        return out;
    }

    static boolean isEmpty(Path directory) {
        if (!Files.isDirectory(directory)) {
            return true;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            throw new OrbitrException("cannot read " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Whether an H2 database file is held open: H2 locks the file it opens, in this process or another. */
    static boolean inUse(Path database) {
        if (!Files.isRegularFile(database)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(database, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Checks an archive as a restore would, writing nothing.
     *
     * @throws DamagedBackupException naming the problem
     */
    static BackupManifest verify(Path archive) {
        try (ArchiveReader reader = ArchiveReader.open(archive.toAbsolutePath().normalize())) {
            reader.checkParts(null, part -> { });
            return reader.manifest();
        }
    }
}
