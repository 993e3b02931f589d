package io.orbitr.jdclient.config;

import java.util.List;
import java.util.Objects;

/**
 * A file written for an older jd-client: which release it looks like and the edits that bring it to the current
 * sv2-apps schema.
 *
 * @param era     the oldest release the file's keys point to, for example {@code jd-client v1.2 or earlier}
 * @param changes every edit to make, in file order
 */
public record OldSchema(String era, List<SchemaChange> changes) {

    /** Freezes the changes. */
    public OldSchema {
        Objects.requireNonNull(era, "era");
        changes = List.copyOf(changes);
    }

    /** @return a one-paragraph explanation for people */
    public String describe() {
        StringBuilder out = new StringBuilder("this file uses an older jd-client schema (").append(era)
                .append("); change these keys for the current sv2-apps jd-client:");
        changes.forEach(c -> out.append("\n  - ").append(c));
        return out.toString();
    }
}
