package io.orbitr.stream;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a source's stream ended, which decides what a consumer does next: finish, reconnect or fail.
 *
 * @param kind   what kind of end
 * @param reason a human explanation, for example {@code container web-1 stopped (exit code 0)}
 * @param cause  the failure behind a {@link Kind#BROKEN} or {@link Kind#FAILED} end, if there was one
 */
public record SourceEnd(Kind kind, String reason, Optional<Throwable> cause) {

    /** The kinds of end. */
    public enum Kind {
        /** Everything asked for was delivered (a read that was not followed). */
        FINISHED,
        /** The producer stopped for good (a container that exited and will not be restarted). */
        STOPPED,
        /** The producer no longer exists (a removed container). */
        GONE,
        /** The connection broke or the producer is restarting: reopening, later, may resume the stream. */
        BROKEN,
        /** The source cannot deliver this stream; reopening will not help. */
        FAILED
    }

    /** Refuses nulls. */
    public SourceEnd {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * @param kind   what kind of end
     * @param reason why
     * @return an end without a cause
     */
    public static SourceEnd of(Kind kind, String reason) {
        return new SourceEnd(kind, reason, Optional.empty());
    }

    /**
     * @param kind   what kind of end
     * @param reason why
     * @param cause  the failure behind it
     * @return an end with a cause
     */
    public static SourceEnd of(Kind kind, String reason, Throwable cause) {
        return new SourceEnd(kind, reason, Optional.of(cause));
    }
}
