package io.orbitr.examples.server;

import io.orbitr.InvalidValueException;
import io.orbitr.stream.LogFilter;
import io.orbitr.stream.LogStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the log filter a client asks for (a regular expression, inverted or not, and the outputs to keep). */
final class LogFilters {
    /** The longest pattern accepted: a filter is a search, not a program. */
    static final int MAX_PATTERN = 1000;

    private LogFilters() {
    }

    /**
     * @param pattern a Java regular expression lines must contain a match of; null or empty for none
     * @param exclude whether lines must contain no match instead
     * @param streams the outputs to keep ({@code stdout}, {@code stderr}); null or empty for both
     * @return the filter
     * @throws InvalidValueException naming the field at fault
     */
    static LogFilter of(String pattern, Boolean exclude, List<String> streams) {
        LogFilter filter = LogFilter.all();
        if (pattern != null && !pattern.isEmpty()) {
            if (pattern.length() > MAX_PATTERN) {
                throw new InvalidValueException("filter", pattern.substring(0, 40) + "...", "must be at most "
                        + MAX_PATTERN + " characters");
            }
            try {
                filter = Boolean.TRUE.equals(exclude) ? LogFilter.excluding(pattern) : LogFilter.matching(pattern);
            } catch (InvalidValueException e) {
                throw new InvalidValueException("filter", pattern, e.rule());
            }
        } else if (Boolean.TRUE.equals(exclude)) {
            throw new InvalidValueException("exclude", true, "needs a filter to exclude");
        }
        if (streams != null && !streams.isEmpty()) {
            Set<LogStream> only = EnumSet.noneOf(LogStream.class);
            for (String stream : streams) {
                try {
                    only.add(LogStream.valueOf(String.valueOf(stream).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidValueException("streams", stream, "must be stdout or stderr");
                }
            }
            filter = filter.onlyStreams(only);
        }
        return filter;
    }
}
