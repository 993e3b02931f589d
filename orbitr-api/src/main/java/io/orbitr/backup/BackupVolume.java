package io.orbitr.backup;

import java.util.Map;
import java.util.Objects;

/**
 * An engine volume in an archive: what it takes to create it again, and the part holding its contents.
 *
 * @param name          the volume's name
 * @param driver        its driver, for example {@code local}
 * @param driverOptions its driver options
 * @param labels        its labels, given back to it on restore
 * @param part          the archive entry with its contents (a tar stream)
 */
public record BackupVolume(String name, String driver, Map<String, String> driverOptions,
        Map<String, String> labels, String part) {

    /** Validates and freezes the record. */
    public BackupVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        driverOptions = Map.copyOf(driverOptions);
        labels = Map.copyOf(labels);
        Objects.requireNonNull(part, "part");
    }
}
