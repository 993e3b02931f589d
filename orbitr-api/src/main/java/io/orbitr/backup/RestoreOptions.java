package io.orbitr.backup;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to restore one archive. Built with {@link #builder(Path, Path)}.
 *
 * @param archive       the archive
 * @param dataDirectory the data directory to restore into: absent or empty unless {@code force}
 * @param force         whether to restore over a directory that is not empty (its contents are moved aside to a
 *                      sibling directory, never deleted) and over volumes that exist (they are removed first)
 * @param volumes       whether to restore the archive's volumes into the engine (when it holds any)
 * @param listener      who hears the progress
 */
public record RestoreOptions(Path archive, Path dataDirectory, boolean force, boolean volumes,
        BackupListener listener) {

    /** Validates the options. */
    public RestoreOptions {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(listener, "listener");
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

        /** @return the options */
        public RestoreOptions build() {
            return new RestoreOptions(archive, dataDirectory, force, volumes, listener);
        }
    }
}
