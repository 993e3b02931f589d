package io.orbitr.jdclient.log;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of jd-client's output in its tracing format, for example
 * {@code 2026-05-11T16:08:45.280653Z  INFO jd_client_sv2::channel_manager: Required template data received, ready
 * to accept connections}: an RFC 3339 UTC timestamp, the level right-aligned to 5 characters, the target, then
 * {@code ": "} and the message.
 *
 * @param timestamp when jd-client wrote it
 * @param level     its level
 * @param target    the Rust module that wrote it, empty when the line has none
 * @param message   the message
 */
public record JdcLogLine(Instant timestamp, LogLevel level, String target, String message) {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern LINE = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\S+)\\s+(ERROR|WARN|INFO|DEBUG|TRACE)\\s+(?:(\\S+?):\\s)?(.*)");

    /** Refuses nulls. */
    public JdcLogLine {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(message, "message");
    }

    /**
     * @param text a line of output; ANSI colour codes, which jd-client may write even into a pipe, are ignored
     * @return the parsed line, or empty when it is not in jd-client's log format (a panic message, a config error)
     */
    public static Optional<JdcLogLine> parse(String text) {
        Matcher m = LINE.matcher(ANSI.matcher(text).replaceAll("").strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JdcLogLine(Instant.parse(m.group(1)), LogLevel.valueOf(m.group(2)),
                    m.group(3) == null ? "" : m.group(3), m.group(4)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
