package io.orbitr.jdclient.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time and resident memory of a Linux process, read from {@code /proc/PID/stat} and {@code /proc/PID/status}.
 *
 * @param pid      the process id
 * @param cpuTicks user plus system CPU time of all its threads, in clock ticks ({@link #TICKS_PER_SECOND})
 * @param rssBytes resident memory (VmRSS)
 */
public record ProcessUsage(long pid, long cpuTicks, long rssBytes) {
    /**
     * Linux's USER_HZ: /proc reports CPU times in 1/100 s on every mainstream architecture (the kernel's internal
     * HZ may differ; the exported unit does not).
     */
    public static final long TICKS_PER_SECOND = 100;
    private static final Path PROC = Path.of("/proc");

    /**
     * @param pid a process id
     * @return its usage, or empty when it has exited or /proc is not there (not Linux)
     */
    public static Optional<ProcessUsage> read(long pid) {
        return read(PROC, pid);
    }

    /**
     * @param procRoot where /proc is mounted (tests give a directory of their own)
     * @param pid      a process id
     * @return its usage, or empty when the files are missing or unreadable
     */
    public static Optional<ProcessUsage> read(Path procRoot, long pid) {
        Path dir = procRoot.resolve(Long.toString(pid));
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.US_ASCII);
            // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            long rss = 0;
            for (String line : Files.readAllLines(dir.resolve("status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
            return Optional.of(new ProcessUsage(pid, utime + stime, rss));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
