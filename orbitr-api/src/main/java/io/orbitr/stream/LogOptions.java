package io.orbitr.stream;

import io.orbitr.InvalidValueException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a log subscriber asks for. Build with {@link #builder()}; {@link #defaults()} is the last
 * {@value #DEFAULT_TAIL} lines, then every new line, unfiltered.
 *
 * <p>History comes from the hub's replay buffer: {@code tail} counts the lines that pass the filter, and
 * {@code since} keeps the lines written at or after it. When the buffer does not reach back that far, the
 * subscriber starts at its oldest line and is told so ({@link io.orbitr.stream.StreamEvent.Kind#TRUNCATED}); the
 * first subscriber of a log, and every subscriber that asks for {@link Builder#fromStart()}, can be served from the
 * engine's whole log.
 *
 * @param tail          how many of the last lines to start with; empty for all of them
 * @param since         only lines written at or after this instant
 * @param follow        keep delivering new lines; without it the subscription completes after the history
 * @param filter        which lines to deliver
 * @param queueCapacity the most lines this subscriber may fall behind before it loses its oldest ones; empty for
 *                      the hub's default
 */
public record LogOptions(OptionalInt tail, Optional<Instant> since, boolean follow, LogFilter filter,
        OptionalInt queueCapacity) {

    /** The default number of history lines. */
    public static final int DEFAULT_TAIL = 100;

    /** Validates the options. */
    public LogOptions {
        Objects.requireNonNull(tail, "tail");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(queueCapacity, "queueCapacity");
        if (tail.isPresent() && tail.getAsInt() < 0) {
            throw new InvalidValueException("tail", tail.getAsInt(), "must be 0 or more lines");
        }
        if (queueCapacity.isPresent() && queueCapacity.getAsInt() < 1) {
            throw new InvalidValueException("queueCapacity", queueCapacity.getAsInt(), "must be at least 1");
        }
    }

    /** @return the last {@value #DEFAULT_TAIL} lines, then every new line, unfiltered */
    public static LogOptions defaults() {
        return builder().build();
    }

    /** @return a builder starting from {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link LogOptions}. Not thread-safe. */
    public static final class Builder {
        private OptionalInt tail = OptionalInt.of(DEFAULT_TAIL);
        private Optional<Instant> since = Optional.empty();
        private boolean follow = true;
        private LogFilter filter = LogFilter.all();
        private OptionalInt queueCapacity = OptionalInt.empty();

        private Builder() {
        }

        /**
         * @param lines how many of the last lines to start with (0: only new lines)
         * @return this builder
         */
        public Builder tail(int lines) {
            this.tail = OptionalInt.of(lines);
            return this;
        }

        /** @return this builder, asking for the whole log from its first line */
        public Builder fromStart() {
            this.tail = OptionalInt.empty();
            return this;
        }

        /**
         * @param instant the earliest line wanted; combine with {@link #fromStart()} for every line since then
         * @return this builder
         */
        public Builder since(Instant instant) {
            this.since = Optional.of(instant);
            return this;
        }

        /**
         * @param value whether to keep delivering new lines (default true)
         * @return this builder
         */
        public Builder follow(boolean value) {
            this.follow = value;
            return this;
        }

        /**
         * @param value which lines to deliver
         * @return this builder
         */
        public Builder filter(LogFilter value) {
            this.filter = Objects.requireNonNull(value, "filter");
            return this;
        }

        /**
         * @param lines the most lines this subscriber may fall behind before losing its oldest ones (at most the
         *              hub's replay buffer)
         * @return this builder
         */
        public Builder queueCapacity(int lines) {
            this.queueCapacity = OptionalInt.of(lines);
            return this;
        }

        /** @return the options */
        public LogOptions build() {
            return new LogOptions(tail, since, follow, filter, queueCapacity);
        }
    }
}
