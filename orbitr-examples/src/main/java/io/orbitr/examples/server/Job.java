package io.orbitr.examples.server;

import java.time.Instant;
import java.util.Optional;

/**
 * A long operation (an image pull, a jd-client install) that a request started and answered at once with 202.
 *
 * @param id         the job's id
 * @param kind       what it does, for example {@code image-pull}
 * @param subject    what it works on
 * @param state      where it is
 * @param progress   the last progress, in words
 * @param message    the outcome, in words, once finished
 * @param createdBy  who started it
 * @param createdAt  when
 * @param finishedAt when it finished, empty while it runs
 */
public record Job(String id, String kind, String subject, State state, String progress, String message,
        String createdBy, Instant createdAt, Optional<Instant> finishedAt) {

    /** Where a job is. */
    public enum State {
        /** Still working. */
        RUNNING,
        /** Done. */
        SUCCEEDED,
        /** Gave up; the message says why. */
        FAILED
    }

    Job withProgress(String text) {
        return new Job(id, kind, subject, state, text, message, createdBy, createdAt, finishedAt);
    }

    Job finished(State end, String outcome, Instant at) {
        return new Job(id, kind, subject, end, progress, outcome, createdBy, createdAt, Optional.of(at));
    }
}
