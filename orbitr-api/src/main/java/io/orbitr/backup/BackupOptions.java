package io.orbitr.backup;

import io.orbitr.engine.LabelFilter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to take one backup. Built with {@link #builder()}; {@link #defaults()} writes into the backup directory,
 * without volumes.
 *
 * @param target      the archive to write; empty for a time-stamped name in {@link BackupSettings#directory()}; a
 *                    relative path is taken from the data directory and may not climb out of it
 * @param volumes     whether to include the contents of the engine's volumes selected by {@code volumeLabels}
 * @param volumeLabels which volumes: by default those carrying {@value Backups#VOLUME_LABEL}
 * @param listener    who hears the progress
 */
public record BackupOptions(Optional<Path> target, boolean volumes, LabelFilter volumeLabels,
        BackupListener listener) {

    /** Validates the options. */
    public BackupOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(volumeLabels, "volumeLabels");
        Objects.requireNonNull(listener, "listener");
        target.ifPresent(path -> PathRules.requireStaysHome("backup target", path));
        if (volumeLabels.isAny()) {
            throw new io.orbitr.InvalidValueException("volumeLabels", "(any)",
                    "must name at least one label: a backup never takes every volume of a shared engine");
        }
    }

    /** @return the options of a plain backup: default file name, no volumes */
    public static BackupOptions defaults() {
        return builder().build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link BackupOptions}. Not thread-safe. */
    public static final class Builder {
        private Optional<Path> target = Optional.empty();
        private boolean volumes;
        private LabelFilter volumeLabels = LabelFilter.any().with(Backups.VOLUME_LABEL);
        private BackupListener listener = BackupListener.NONE;

        private Builder() {
        }

        /**
         * @param file the archive to write
         * @return this builder
         */
        public Builder target(Path file) {
            this.target = Optional.of(file);
            return this;
        }

        /**
         * @param value whether to include volumes
         * @return this builder
         */
        public Builder volumes(boolean value) {
            this.volumes = value;
            return this;
        }

        /**
         * @param value which volumes to include, when volumes are included
         * @return this builder
         */
        public Builder volumeLabels(LabelFilter value) {
            this.volumeLabels = value;
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
        public BackupOptions build() {
            return new BackupOptions(target, volumes, volumeLabels, listener);
        }
    }
}
