package io.orbitr.docker.engine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads the engine's timestamps, where "never" is the year 1 and some fields are missing. */
final class EngineTimes {
    private EngineTimes() {
    }

    /**
     * @param text an RFC 3339 timestamp, possibly with nanoseconds and an offset
     * @return the instant, or empty when absent, unparsable, or the engine's zero time ({@code 0001-01-01})
     */
    static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank() || text.startsWith("0001-01-01")) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** @return the instant, or the epoch when absent; for fields every object has, such as a creation time */
    static Instant parseOrEpoch(String text) {
        return parse(text).orElse(Instant.EPOCH);
    }

    /** @return the instant of epoch seconds, or the epoch when absent */
    static Instant ofEpochSeconds(Long seconds) {
        return seconds == null ? Instant.EPOCH : Instant.ofEpochSecond(seconds);
    }
}
