package io.orbitr.stream;

import io.orbitr.InvalidValueException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which part of a log to download, and how to write it. Immutable; start from {@link #all()} or
 * {@link #between(Instant, Instant)}.
 *
 * @param since      only lines written at or after this instant
 * @param until      only lines written at or before this instant
 * @param filter     which lines to write
 * @param timestamps whether to start each written line with its timestamp (ISO-8601, UTC) and a space
 */
public record LogDownload(Optional<Instant> since, Optional<Instant> until, LogFilter filter, boolean timestamps) {

    /** Validates the request. */
    public LogDownload {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(filter, "filter");
        if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get())) {
            throw new InvalidValueException("until", until.get(), "must not be before since " + since.get());
        }
    }

    /** @return the whole log, unfiltered, with timestamps */
    public static LogDownload all() {
        return new LogDownload(Optional.empty(), Optional.empty(), LogFilter.all(), true);
    }

    /**
     * @param from the first instant, inclusive
     * @param to   the last instant, inclusive
     * @return the lines written between them, unfiltered, with timestamps
     */
    public static LogDownload between(Instant from, Instant to) {
        return new LogDownload(Optional.of(from), Optional.of(to), LogFilter.all(), true);
    }

    /**
     * @param value which lines to write
     * @return a copy with that filter
     */
    public LogDownload withFilter(LogFilter value) {
        return new LogDownload(since, until, value, timestamps);
    }

    /**
     * @param value whether to start each line with its timestamp
     * @return a copy with that choice
     */
    public LogDownload withTimestamps(boolean value) {
        return new LogDownload(since, until, filter, value);
    }
}
