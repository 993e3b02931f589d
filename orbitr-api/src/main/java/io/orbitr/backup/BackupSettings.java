package io.orbitr.backup;

import io.orbitr.InvalidValueException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform's backup settings, kept in the store ({@code settings} table, key {@code backup.settings}). Built with
 * {@link #builder()}; {@link #defaults()} has no schedule.
 *
 * @param schedule    how often the platform takes a backup by itself; empty for never
 * @param keep        how many archives to keep in the backup directory: after each scheduled backup the oldest
 *                    beyond this count are deleted
 * @param directory   where archives are written and listed; a relative path is taken from the data directory and
 *                    may not climb out of it
 * @param volumes     whether scheduled backups include volumes
 * @param helperImage the image of the short-lived container through which volumes are read and written; it must be
 *                    present in the engine (nothing is pulled) and needs no command of its own
 */
public record BackupSettings(Optional<Duration> schedule, int keep, Path directory, boolean volumes,
        String helperImage) {
    /** The shortest schedule. */
    public static final Duration MIN_SCHEDULE = Duration.ofMinutes(1);

    /** Validates every value. */
    public BackupSettings {
        Objects.requireNonNull(schedule, "schedule");
        schedule.ifPresent(every -> {
            if (every.compareTo(MIN_SCHEDULE) < 0) {
                throw new InvalidValueException("schedule", every, "must be at least " + MIN_SCHEDULE);
            }
        });
        if (keep < 1 || keep > 10_000) {
            throw new InvalidValueException("keep", keep, "must be between 1 and 10000");
        }
        PathRules.requireStaysHome("directory", directory);
        Objects.requireNonNull(helperImage, "helperImage");
        if (helperImage.isBlank() || helperImage.chars().anyMatch(c -> c <= ' ')) {
            throw new InvalidValueException("helperImage", helperImage, "must be an image name without spaces");
        }
    }

    /** @return no schedule, keep 7, directory {@code backups}, no volumes, helper image {@code busybox} */
    public static BackupSettings defaults() {
        return builder().build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.schedule = schedule;
        builder.keep = keep;
        builder.directory = directory;
        builder.volumes = volumes;
        builder.helperImage = helperImage;
        return builder;
    }

    /** Builds {@link BackupSettings}. Not thread-safe. */
    public static final class Builder {
        private Optional<Duration> schedule = Optional.empty();
        private int keep = 7;
        private Path directory = Path.of("backups");
        private boolean volumes;
        private String helperImage = "busybox";

        private Builder() {
        }

        /**
         * @param every how often to take a backup
         * @return this builder
         */
        public Builder schedule(Duration every) {
            this.schedule = Optional.of(every);
            return this;
        }

        /** @return this builder, with no schedule */
        public Builder noSchedule() {
            this.schedule = Optional.empty();
            return this;
        }

        /**
         * @param count how many archives to keep
         * @return this builder
         */
        public Builder keep(int count) {
            this.keep = count;
            return this;
        }

        /**
         * @param value where archives go
         * @return this builder
         */
        public Builder directory(Path value) {
            this.directory = value;
            return this;
        }

        /**
         * @param value whether scheduled backups include volumes
         * @return this builder
         */
        public Builder volumes(boolean value) {
            this.volumes = value;
            return this;
        }

        /**
         * @param value the helper container's image
         * @return this builder
         */
        public Builder helperImage(String value) {
            this.helperImage = value;
            return this;
        }

        /**
         * @return the settings
         * @throws InvalidValueException naming the first bad field
         */
        public BackupSettings build() {
            return new BackupSettings(schedule, keep, directory, volumes, helperImage);
        }
    }
}
