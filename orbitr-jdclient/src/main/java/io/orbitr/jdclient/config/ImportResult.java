package io.orbitr.jdclient.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TomlImporter} read from a file.
 *
 * @param config     the configuration, present when every required key was there with the right type (it may still
 *                   have problems: see {@code validation})
 * @param validation every problem (syntax, missing keys, types and the {@link ConfigValidator} rules) and warning
 * @param oldSchema  present when the file was written for an older jd-client, with the keys to change
 */
public record ImportResult(Optional<JdcConfig> config, ValidationResult validation, Optional<OldSchema> oldSchema) {

    /** Refuses nulls. */
    public ImportResult {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(oldSchema, "oldSchema");
    }

    /** @return whether jd-client would accept the file as it is */
    public boolean valid() {
        return config.isPresent() && validation.valid() && oldSchema.isEmpty();
    }

    /**
     * @return the configuration, when the file is valid
     * @throws InvalidConfigException listing the old-schema changes and every problem otherwise
     */
    public JdcConfig orThrow() {
        if (valid()) {
            return config.get();
        }
        List<ConfigProblem> all = new ArrayList<>();
        oldSchema.ifPresent(old -> old.changes().forEach(c -> all.add(new ConfigProblem(c.key(), "(old schema: "
                + old.era() + ")", c.instruction()))));
        all.addAll(validation.problems());
        throw new InvalidConfigException(all);
    }
}
