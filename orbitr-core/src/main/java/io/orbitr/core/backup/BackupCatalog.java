package io.orbitr.core.backup;

import io.orbitr.OrbitrException;
import io.orbitr.backup.BackupInfo;
import io.orbitr.backup.BackupManifest;
import io.orbitr.backup.BackupVolume;
import io.orbitr.backup.DamagedBackupException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archives in a backup directory: listed from their manifests (a zip's central directory makes that cheap),
 * newest first, and pruned to a retention count. Files that are not readable backups are left alone.
 */
final class BackupCatalog {
    private static final Logger log = LoggerFactory.getLogger(BackupCatalog.class);

    private BackupCatalog() {
    }

    /**
     * @param directory a backup directory
     * @return its archives, newest first; empty when the directory does not exist
     */
    static List<BackupInfo> list(Path directory) {
        List<BackupInfo> out = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + BackupCreation.NAME_SUFFIX)) {
            for (Path file : entries) {
                if (file.getFileName().toString().startsWith(".") || !Files.isRegularFile(file)) {
                    continue;
                }
                try (ArchiveReader reader = ArchiveReader.open(file)) {
                    BackupManifest manifest = reader.manifest();
                    out.add(new BackupInfo(file, manifest.createdAt(), Files.size(file), manifest.orbitrVersion(),
                            manifest.parts().size(), manifest.volumes().stream().map(BackupVolume::name).toList()));
                } catch (DamagedBackupException e) {
                    log.debug("{} is not a readable backup: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new OrbitrException("cannot list the backups in " + directory + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(BackupInfo::createdAt).reversed()
                .thenComparing(info -> info.file().toString(), Comparator.reverseOrder()));
        return out;
    }

    /**
     * Deletes the platform-named archives ({@code orbitr-backup-*.zip}) beyond the newest {@code keep}; archives a
     * user named are never deleted.
     *
     * @param directory the backup directory
     * @param keep      how many to keep
     * @return the archives deleted
     */
    static List<Path> prune(Path directory, int keep) {
        List<Path> deleted = new ArrayList<>();
        List<BackupInfo> own = list(directory).stream()
                .filter(info -> info.file().getFileName().toString().startsWith(BackupCreation.NAME_PREFIX))
                .toList();
        for (BackupInfo old : own.subList(Math.min(keep, own.size()), own.size())) {
            try {
                Files.deleteIfExists(old.file());
                deleted.add(old.file());
                log.info("deleted backup {} (keeping the newest {})", old.file(), keep);
            } catch (IOException e) {
                log.warn("could not delete the old backup {}: {}", old.file(), e.toString());
            }
        }
        return deleted;
    }
}
