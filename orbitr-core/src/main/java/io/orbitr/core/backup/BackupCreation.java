package io.orbitr.core.backup;

import io.orbitr.ConflictException;
import io.orbitr.OrbitrException;
import io.orbitr.backup.BackupInfo;
import io.orbitr.backup.BackupManifest;
import io.orbitr.backup.BackupOptions;
import io.orbitr.backup.BackupPart;
import io.orbitr.backup.BackupParticipant;
import io.orbitr.backup.BackupProgress.Phase;
import io.orbitr.backup.BackupSettings;
import io.orbitr.backup.BackupVolume;
import io.orbitr.backup.InventoryItem;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.VolumeDetails;
import io.orbitr.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes one backup archive of a running platform. Thread-safe as far as its parts are; callers serialize. */
final class BackupCreation {
    /** Names of archives the platform names itself; retention deletes only these. */
    static final String NAME_PREFIX = "orbitr-backup-";
    static final String NAME_SUFFIX = ".zip";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(BackupCreation.class);

    private final Store store;
    private final Path dataDirectory;
    private final Clock clock;
    private final Supplier<ContainerEngine> engine;
    private final Supplier<List<BackupParticipant>> participants;
    private final Supplier<Optional<Path>> proxyFile;
    private final PostgresqlTools tools;
    private final Supplier<Optional<String>> storePassword;

    BackupCreation(Store store, Path dataDirectory, Clock clock, Supplier<ContainerEngine> engine,
            Supplier<List<BackupParticipant>> participants, Supplier<Optional<Path>> proxyFile,
            PostgresqlTools tools, Supplier<Optional<String>> storePassword) {
        this.store = store;
        this.tools = tools;
        this.storePassword = storePassword;
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.clock = clock;
        this.engine = engine;
        this.participants = participants;
        this.proxyFile = proxyFile;
    }

    /**
     * @param instant when a backup is taken
     * @return the name the platform gives its archive
     */
    static String defaultName(Instant instant) {
        return NAME_PREFIX + STAMP.format(instant) + NAME_SUFFIX;
    }

    BackupInfo create(BackupOptions options, BackupSettings settings) {
        Instant now = clock.instant();
        Path backupDirectory = dataDirectory.resolve(settings.directory()).normalize();
        Path target = options.target().map(t -> dataDirectory.resolve(t).normalize())
                .orElseGet(() -> backupDirectory.resolve(defaultName(now)));
        if (Files.exists(target)) {
            throw new ConflictException("the backup " + target + " exists already; choose another file");
        }
        StoreFormat storeFormat = StoreSnapshot.format(store);
        StoreSnapshot.requireTools(storeFormat, tools);
        Optional<String> password = storeFormat.kind() == StoreFormat.Kind.POSTGRESQL ? storePassword.get()
                : Optional.empty();
        Progress progress = new Progress(options.listener());
        List<VolumeDetails> volumes = List.of();
        VolumeCopier copier = null;
        if (options.volumes()) {
            // Before anything is written: an engine that does not answer or a missing helper image fails now.
            copier = new VolumeCopier(engine.get(), settings.helperImage());
            copier.requireImage();
            volumes = copier.select(options.volumeLabels());
        }
        List<Path> excluded = new ArrayList<>();
        excluded.add(backupDirectory);
        excluded.add(target);
        List<BackupParticipant> all = participants.get();
        for (BackupParticipant participant : all) {
            participant.excludedPaths().forEach(p -> excluded.add(dataDirectory.resolve(p).normalize()));
        }
        List<Path> files = DataFiles.list(dataDirectory, excluded);
        Optional<Path> outsideProxy = proxyFile.get().filter(p -> !p.startsWith(dataDirectory))
                .filter(Files::isRegularFile);
        progress.partCount(1 + files.size() + (outsideProxy.isPresent() ? 1 : 0) + volumes.size());
        List<BackupVolume> volumeRecords = new ArrayList<>();
        try (ArchiveWriter writer = new ArchiveWriter(target)) {
            progress.phase(Phase.STORE);
            BackupPart storePart = StoreSnapshot.write(store, storeFormat, target.getParent(), writer, tools,
                    password);
            progress.partDone(Phase.STORE, storePart.path(), storePart.size());
            for (Path file : files) {
                addFile(writer, file, DataFiles.entryName(dataDirectory.relativize(file)), BackupPart.Kind.FILE)
                        .ifPresent(part -> progress.partDone(Phase.FILES, part.path(), part.size()));
            }
            if (outsideProxy.isPresent()) {
                addFile(writer, outsideProxy.get(), EntryNames.PROXY_PREFIX + outsideProxy.get().getFileName(),
                        BackupPart.Kind.PROXY).ifPresent(part -> progress.partDone(Phase.FILES, part.path(),
                        part.size()));
            }
            for (VolumeDetails volume : volumes) {
                String entry = EntryNames.volumeEntry(volume.name());
                progress.phase(Phase.VOLUME);
                VolumeCopier helper = copier;
                BackupPart part = writer.add(entry, BackupPart.Kind.VOLUME, 0600,
                        out -> helper.copyOut(volume.name(), out));
                volumeRecords.add(new BackupVolume(volume.name(), volume.driver(), volume.options(), volume.labels(),
                        entry));
                progress.partDone(Phase.VOLUME, part.path(), part.size());
            }
            List<InventoryItem> inventory = inventory(all);
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, Orbitr.version(), now,
                    storeFormat.text(), writer.parts(), volumeRecords, inventory);
            writer.finish(manifest);
            progress.phase(Phase.DONE);
            long size = Files.size(target);
            log.info("wrote backup {} ({} parts, {} bytes, volumes {})", target, manifest.parts().size(), size,
                    volumeRecords.stream().map(BackupVolume::name).toList());
            return new BackupInfo(target, now, size, manifest.orbitrVersion(), manifest.parts().size(),
                    volumeRecords.stream().map(BackupVolume::name).toList());
        } catch (IOException e) {
            throw new OrbitrException("the backup " + target + " could not be written: " + e.getMessage()
                    + "; no archive was left", e);
        }
    }

    /** Adds one file; a file deleted since the walk is skipped. */
    private static Optional<BackupPart> addFile(ArchiveWriter writer, Path file, String entry, BackupPart.Kind kind)
            throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            log.debug("backup: {} was deleted while the backup ran", file);
            return Optional.empty();
        }
        try (in) {
            return Optional.of(writer.add(entry, kind, mode(file), in::transferTo));
        }
    }

    private List<InventoryItem> inventory(List<BackupParticipant> all) {
        List<InventoryItem> items = new ArrayList<>();
        for (BackupParticipant participant : all) {
            try {
                items.addAll(participant.inventory(dataDirectory));
            } catch (RuntimeException e) {
                // The inventory is a record, not data: the backup stands without it, and the log says so.
                log.warn("backup: {} could not list what it leaves out: {}", participant.getClass().getName(),
                        e.toString());
            }
        }
        return items;
    }

    static int mode(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            int mode = 0;
            for (PosixFilePermission permission : permissions) {
                mode |= 1 << (8 - permission.ordinal());
            }
            return mode;
        } catch (UnsupportedOperationException | IOException e) {
            return 0;
        }
    }
}
