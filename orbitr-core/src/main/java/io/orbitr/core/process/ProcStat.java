package io.orbitr.core.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The facts of one line of {@code /proc/PID/stat} that identify a process: its pid, state, parent, process group,
 * session and start time. The start time (field 22, clock ticks since boot) is what tells a process from a later
 * one that was given the same pid.
 *
 * @param pid       the process id (field 1)
 * @param command   the command name (field 2, without its parentheses; may hold spaces and parentheses)
 * @param state     the state letter (field 3): R, S, D, Z (zombie), X (dead)...
 * @param parent    the parent's pid (field 4)
 * @param group     the process group id (field 5)
 * @param session   the session id (field 6)
 * @param startTime when the process started, in clock ticks since boot (field 22)
 */
record ProcStat(long pid, String command, char state, long parent, long group, long session, long startTime) {
    private static final Path PROC = Path.of("/proc");

    /** @return whether the process has exited and only waits to be reaped, or is being torn down */
    boolean dead() {
        return state == 'Z' || state == 'X';
    }

    /**
     * @param pid a process id
     * @return its stat, or empty when there is no such process (or no /proc, or the line cannot be read)
     */
    static Optional<ProcStat> read(long pid) {
        try {
            return parse(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses a stat line. The command name is whatever lies between the first '(' and the last ')': a program may
     * name itself {@code a) (b}, so neither splitting on spaces nor the first ')' can be trusted.
     *
     * @param line the contents of {@code /proc/PID/stat}
     * @return the facts, or empty when the line is not a stat line
     */
    static Optional<ProcStat> parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open || close + 2 > line.length()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(line.substring(0, open).trim());
            String[] rest = line.substring(close + 2).trim().split(" +");
            // rest[0] is field 3 (state), so field N is rest[N - 3].
            if (rest.length < 20 || rest[0].length() != 1) {
                return Optional.empty();
            }
            return Optional.of(new ProcStat(pid, line.substring(open + 1, close), rest[0].charAt(0),
                    Long.parseLong(rest[1]), Long.parseLong(rest[2]), Long.parseLong(rest[3]),
                    Long.parseLong(rest[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
