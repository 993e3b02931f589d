package io.orbitr.jdclient.log;

import java.util.Locale;
import java.util.Optional;

/** jd-client's log levels (Rust's tracing levels), most severe first. */
public enum LogLevel {
    /** Something failed. */
    ERROR,
    /** Something is wrong but jd-client carries on. */
    WARN,
    /** Normal progress. */
    INFO,
    /** Detail for diagnosis. */
    DEBUG,
    /** Everything. */
    TRACE;

    /** @return the level as {@code RUST_LOG} takes it: lowercase */
    public String rustLog() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a level in any case
     * @return the level, or empty when there is none of that name
     */
    public static Optional<LogLevel> parse(String text) {
        for (LogLevel level : values()) {
            if (level.name().equalsIgnoreCase(text.strip())) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
