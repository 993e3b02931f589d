package io.orbitr.backup;

import io.orbitr.InvalidValueException;
import io.orbitr.store.H2Settings;
import io.orbitr.store.StoreSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to restore one archive. Built with {@link #builder(Path, Path)}.
 *
 * @param archive       the archive
 * @param dataDirectory the data directory to restore into: absent or empty unless {@code force}
 * @param force         whether to restore over a directory that is not empty (its contents are moved aside to a
 *                      sibling directory, never deleted), over volumes that exist (they are removed first), and
 *                      into a PostgreSQL schema that holds tables or that servers still hold leases on (the
 *                      archive's tables replace the ones of the same names, in one transaction)
 * @param volumes       whether to restore the archive's volumes into the engine (when it holds any)
 * @param listener      who hears the progress
 * @param store         the store the archive's store part goes into: {@link StoreSettings#h2()} (the default), the
 *                      H2 file under {@code dataDirectory}, or a PostgreSQL database, whose schema must then hold no
 *                      tables unless {@code force}; an archive of the other kind of store is refused
 */
public record RestoreOptions(Path archive, Path dataDirectory, boolean force, boolean volumes,
        BackupListener listener, StoreSettings store) {

    /** Validates the options. */
    public RestoreOptions {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(store, "store");
        if (store instanceof H2Settings h2 && h2.inMemory()) {
            throw new InvalidValueException("store", "h2 in memory", "cannot be restored into: it lives only as long"
                    + " as one platform; restore into the H2 file (StoreSettings.h2()) or a PostgreSQL database");
        }
    }

    /**
     * @param archive       the archive
     * @param dataDirectory the data directory to restore into
     * @return a builder: no force, volumes restored, no listener
     */
    public static Builder builder(Path archive, Path dataDirectory) {
        return new Builder(archive, dataDirectory);
    }

    /** Builds {@link RestoreOptions}. Not thread-safe. */
    public static final class Builder {
        private final Path archive;
        private final Path dataDirectory;
        private boolean force;
        private boolean volumes = true;
        private BackupListener listener = BackupListener.NONE;
        private StoreSettings store = StoreSettings.h2();

        private Builder(Path archive, Path dataDirectory) {
            this.archive = archive;
            this.dataDirectory = dataDirectory;
        }

        /**
         * @param value whether to restore over existing contents
         * @return this builder
         */
        public Builder force(boolean value) {
            this.force = value;
            return this;
        }

        /**
         * @param value whether to restore the archive's volumes
         * @return this builder
         */
        public Builder volumes(boolean value) {
            this.volumes = value;
            return this;
        }

        /**
         * @param value who hears the progress
         * @return this builder
         */
        public Builder listener(BackupListener value) {
            this.listener = value;
            return this;
        }

        /**
         * @param value the store to restore the archive's store part into (default: the H2 file under the data
         *              directory); a PostgreSQL store is restored with {@code pg_restore}
         * @return this builder
         */
        public Builder store(StoreSettings value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** @return the options */
        public RestoreOptions build() {
            return new RestoreOptions(archive, dataDirectory, force, volumes, listener, store);
        }
    }
}
