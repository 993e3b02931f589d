package io.orbitr.stream;

import io.orbitr.InvalidValueException;
import java.util.Objects;

/**
 * Something that happened to a stream rather than an item in it.
 *
 * @param kind    what happened
 * @param count   for {@link Kind#LOST}, how many items were dropped; otherwise 0
 * @param message a human explanation
 */
public record StreamEvent(Kind kind, long count, String message) {

    /** What can happen to a stream. */
    public enum Kind {
        /** The source broke (engine or container restart) and the hub is reconnecting. */
        RECONNECTING,
        /** The source is back; items continue after the last one delivered, with no duplicates. */
        RECONNECTED,
        /** The subscriber's queue was full: its oldest items were dropped; {@code count} says how many. */
        LOST,
        /**
         * The subscriber asked for more history (tail or since) than the replay buffer holds: it starts with the
         * oldest line still held. Older lines can still be downloaded.
         */
        TRUNCATED
    }

    /** Refuses nulls. */
    public StreamEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (count < 0) {
            throw new InvalidValueException("count", count, "must not be negative");
        }
    }

    /**
     * @param kind    what happened
     * @param message a human explanation
     * @return an event without a count
     */
    public static StreamEvent of(Kind kind, String message) {
        return new StreamEvent(kind, 0, message);
    }
}
