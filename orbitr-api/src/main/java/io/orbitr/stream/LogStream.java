package io.orbitr.stream;

/** Which output of a container or process a log line came from. */
public enum LogStream {
    /** Standard output (also a TTY container's only output). */
    STDOUT,
    /** Standard error. */
    STDERR
}
