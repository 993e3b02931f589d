package io.orbitr.jdclient.update;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the jd-client install history.
 *
 * @param id          the entry's id, increasing with time
 * @param action      install or rollback
 * @param fromVersion the version current before, {@value BinaryUpdater#NO_VERSION} when none was installed
 * @param toVersion   the version that was (or would have been) made current
 * @param outcome     success or failed
 * @param message     what happened, in the user's words
 * @param at          when it ended
 */
public record UpdateRecord(long id, UpdateAction action, String fromVersion, String toVersion,
                           UpdateOutcome outcome, String message, Instant at) {

    /** Validates the record. */
    public UpdateRecord {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(toVersion, "toVersion");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }
}
