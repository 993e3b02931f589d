package io.orbitr.stream;

import io.orbitr.InvalidValueException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which lines a subscriber or a download gets, decided by the hub (server side) so that a subscriber is not sent
 * lines it would throw away. Immutable.
 *
 * @param pattern  lines must contain a match of it (anywhere in the line), if present
 * @param inverted lines must then NOT contain a match instead
 * @param streams  the outputs whose lines pass
 */
public record LogFilter(Optional<Pattern> pattern, boolean inverted, Set<LogStream> streams)
        implements Predicate<LogLine> {

    private static final LogFilter ALL = new LogFilter(Optional.empty(), false, EnumSet.allOf(LogStream.class));

    /** Validates the filter. */
    public LogFilter {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(streams, "streams");
        if (streams.isEmpty()) {
            throw new InvalidValueException("streams", streams, "must name stdout, stderr or both");
        }
        if (inverted && pattern.isEmpty()) {
            throw new InvalidValueException("inverted", true, "needs a pattern to invert");
        }
        streams = Set.copyOf(streams);
    }

    /** @return a filter every line passes */
    public static LogFilter all() {
        return ALL;
    }

    /**
     * @param regex a Java regular expression
     * @return a filter passing the lines that contain a match
     * @throws InvalidValueException when the expression does not compile, with the reason
     */
    public static LogFilter matching(String regex) {
        return new LogFilter(Optional.of(compile(regex)), false, ALL.streams);
    }

    /**
     * @param regex a Java regular expression
     * @return a filter passing the lines that contain no match
     * @throws InvalidValueException when the expression does not compile, with the reason
     */
    public static LogFilter excluding(String regex) {
        return new LogFilter(Optional.of(compile(regex)), true, ALL.streams);
    }

    /**
     * @param only the outputs to keep
     * @return a copy passing only lines of those outputs
     */
    public LogFilter onlyStreams(Set<LogStream> only) {
        return new LogFilter(pattern, inverted, only);
    }

    /**
     * @param stream the one output to keep
     * @return a copy passing only lines of that output
     */
    public LogFilter onlyStream(LogStream stream) {
        return onlyStreams(EnumSet.of(stream));
    }

    /** @return whether every line passes */
    public boolean passesAll() {
        return pattern.isEmpty() && streams.size() == LogStream.values().length;
    }

    @Override
    public boolean test(LogLine line) {
        if (!streams.contains(line.stream())) {
            return false;
        }
        return pattern.isEmpty() || pattern.get().matcher(line.text()).find() != inverted;
    }

    private static Pattern compile(String regex) {
        Objects.requireNonNull(regex, "regex");
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidValueException("filter pattern", regex, "is not a valid regular expression: "
                    + e.getDescription());
        }
    }
}
