package io.orbitr.stream;

import io.orbitr.InvalidValueException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What part of a log to read from a {@link LogSource}: the engine-level query behind a subscription, a download or
 * a look at the last lines. Immutable; start from {@link #all()} or {@link #tail(int)} and refine with the
 * {@code with...} methods.
 *
 * @param tail       only the last this many lines (of those since {@code since}); empty for all of them
 * @param since      only lines written at or after this instant
 * @param until      only lines written at or before this instant
 * @param follow     keep the stream open and deliver new lines as they are written
 * @param timestamps ask the source for its own timestamps (the engine's, for containers); without them each line
 *                   carries the time it was read
 * @param streams    the outputs to read, stdout and stderr by default
 */
public record LogQuery(OptionalInt tail, Optional<Instant> since, Optional<Instant> until, boolean follow,
        boolean timestamps, Set<LogStream> streams) {

    /** Validates the query. */
    public LogQuery {
        Objects.requireNonNull(tail, "tail");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(streams, "streams");
        if (tail.isPresent() && tail.getAsInt() < 0) {
            throw new InvalidValueException("tail", tail.getAsInt(), "must be 0 or more lines");
        }
        if (streams.isEmpty()) {
            throw new InvalidValueException("streams", streams, "must name stdout, stderr or both");
        }
        if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get())) {
            throw new InvalidValueException("until", until.get(), "must not be before since " + since.get());
        }
        streams = Set.copyOf(streams);
    }

    /** @return the whole log, stdout and stderr, with timestamps, not followed */
    public static LogQuery all() {
        return new LogQuery(OptionalInt.empty(), Optional.empty(), Optional.empty(), false, true,
                EnumSet.allOf(LogStream.class));
    }

    /**
     * @param lines how many of the last lines
     * @return the last lines, stdout and stderr, with timestamps, not followed
     */
    public static LogQuery tail(int lines) {
        return all().withTail(lines);
    }

    /**
     * @param lines how many of the last lines
     * @return a copy limited to the last lines
     */
    public LogQuery withTail(int lines) {
        return new LogQuery(OptionalInt.of(lines), since, until, follow, timestamps, streams);
    }

    /** @return a copy without a line limit */
    public LogQuery withoutTail() {
        return new LogQuery(OptionalInt.empty(), since, until, follow, timestamps, streams);
    }

    /**
     * @param instant the earliest line's time
     * @return a copy that starts at that instant
     */
    public LogQuery withSince(Instant instant) {
        return new LogQuery(tail, Optional.of(instant), until, follow, timestamps, streams);
    }

    /**
     * @param instant the latest line's time
     * @return a copy that ends at that instant
     */
    public LogQuery withUntil(Instant instant) {
        return new LogQuery(tail, since, Optional.of(instant), follow, timestamps, streams);
    }

    /**
     * @param value whether to keep following new lines
     * @return a copy with that choice
     */
    public LogQuery withFollow(boolean value) {
        return new LogQuery(tail, since, until, value, timestamps, streams);
    }

    /**
     * @param value whether to ask for the source's timestamps
     * @return a copy with that choice
     */
    public LogQuery withTimestamps(boolean value) {
        return new LogQuery(tail, since, until, follow, value, streams);
    }

    /**
     * @param only the outputs to read
     * @return a copy reading only those outputs
     */
    public LogQuery withStreams(Set<LogStream> only) {
        return new LogQuery(tail, since, until, follow, timestamps, only);
    }
}
