package io.orbitr.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to create a volume. Built with {@link #builder()} or {@link #named(String)}; immutable.
 *
 * @param name          its name; empty lets the engine choose one
 * @param driver        its driver, {@code local} by default
 * @param driverOptions driver options, for example {@code type=tmpfs}
 * @param labels        its labels
 */
public record VolumeSpec(Optional<String> name, String driver, Map<String, String> driverOptions,
        Map<String, String> labels) {

    /** Validates the spec and freezes its maps. */
    public VolumeSpec {
        Objects.requireNonNull(name, "name");
        name.ifPresent(n -> EngineValues.requireName("volume name", n));
        EngineValues.requireText("volume driver", driver);
        driverOptions = EngineValues.freeze("driver options", driverOptions);
        labels = EngineValues.freeze("labels", labels);
    }

    /**
     * @param name the volume's name
     * @return a spec for a local volume of that name, without labels
     */
    public static VolumeSpec named(String name) {
        return builder().name(name).build();
    }

    /** @return a builder for a local volume */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link VolumeSpec}. Not thread-safe. */
    public static final class Builder {
        private Optional<String> name = Optional.empty();
        private String driver = "local";
        private final Map<String, String> driverOptions = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param value the volume's name
         * @return this builder
         */
        public Builder name(String value) {
            this.name = Optional.of(value);
            return this;
        }

        /**
         * @param value the driver
         * @return this builder
         */
        public Builder driver(String value) {
            this.driver = value;
            return this;
        }

        /**
         * @param key   a driver option's name
         * @param value its value
         * @return this builder
         */
        public Builder driverOption(String key, String value) {
            driverOptions.put(key, value);
            return this;
        }

        /**
         * @param key   a label's name
         * @param value its value
         * @return this builder
         */
        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        /** @return the spec */
        public VolumeSpec build() {
            return new VolumeSpec(name, driver, driverOptions, labels);
        }
    }
}
