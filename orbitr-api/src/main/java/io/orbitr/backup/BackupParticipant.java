package io.orbitr.backup;

import java.nio.file.Path;
import java.util.List;

/**
 * A hook for providers whose files in the data directory must not be copied whole into backups. A provider
 * implements it next to its own SPI (the platform asks every provider it assembled): the paths it names are left
 * out of archives, and what it lists in {@link #inventory(Path)} is recorded by name and digest instead. The
 * jd-client feature leaves out its downloaded binaries this way.
 *
 * <p>New methods arrive as {@code default} methods.
 */
public interface BackupParticipant {

    /**
     * @return paths relative to the data directory, with {@code /} separators, left out of archives with everything
     *     under them, for example {@code jdclient/versions}
     */
    default List<String> excludedPaths() {
        return List.of();
    }

    /**
     * Called while a backup is written; must only read.
     *
     * @param dataDirectory the platform's data directory
     * @return what is left out and worth recording, with digests
     */
    default List<InventoryItem> inventory(Path dataDirectory) {
        return List.of();
    }
}
