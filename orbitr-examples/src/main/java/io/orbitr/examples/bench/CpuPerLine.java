package io.orbitr.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/**
 * The CPU a benchmark's phases cost per line: this process's (the JVM's own counter) and the engine's (every
 * {@code dockerd} process's user and system time from {@code /proc}, when it can be read). On a 2-core machine
 * where the engine itself takes about a core to serve a log, every CPU-second the reader spends is one the engine
 * does not get, so a throughput ratio is explained by these figures. Medians over the rounds. Not thread-safe.
 */
final class CpuPerLine {
    /** Linux reports {@code /proc/PID/stat} times in USER_HZ, 100 per second on every common architecture. */
    private static final double USER_HZ = 100.0;

    private final long lines;
    private final Map<String, List<Double>> own = new HashMap<>();
    private final Map<String, List<Double>> engine = new HashMap<>();

    /** @param lines the lines each measured read reads */
    CpuPerLine(long lines) {
        this.lines = lines;
    }

    /**
     * Runs one read and books its CPU under the phase's name.
     *
     * @param phase the phase
     * @param read  the read
     * @return what the read returned
     */
    <T> T measure(String phase, Callable<T> read) throws Exception {
        long ownBefore = ProcessCpu.nanos();
        OptionalDouble engineBefore = engineCpuSeconds();
        T result = read.call();
        long ownAfter = ProcessCpu.nanos();
        OptionalDouble engineAfter = engineCpuSeconds();
        own.computeIfAbsent(phase, p -> new ArrayList<>()).add((ownAfter - ownBefore) / 1e6 / lines * 1000);
        if (engineBefore.isPresent() && engineAfter.isPresent()) {
            engine.computeIfAbsent(phase, p -> new ArrayList<>())
                    .add((engineAfter.getAsDouble() - engineBefore.getAsDouble()) * 1000 / lines * 1000);
        }
        return result;
    }

    /** @return this process's median CPU milliseconds per 1,000 lines in the phase */
    double ownMillisPerThousand(String phase) {
        List<Double> values = own.get(phase);
        return values == null || values.isEmpty() ? 0 : Median.of(values);
    }

    /** @return the engine's median CPU milliseconds per 1,000 lines in the phase, when /proc could be read */
    OptionalDouble engineMillisPerThousand(String phase) {
        List<Double> values = engine.get(phase);
        return values == null || values.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Median.of(values));
    }

    /** The user and system seconds of every running {@code dockerd}; empty when none can be read. */
    private static OptionalDouble engineCpuSeconds() {
        double total = 0;
        boolean any = false;
        for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
            if (!process.info().command().map(c -> c.endsWith("/dockerd")).orElse(false)) {
                continue;
            }
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
                // The command name in parentheses may hold spaces: the fields counted from after it.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / USER_HZ;
                any = true;
            } catch (IOException | RuntimeException e) {
                // gone, or not ours to read: the engine's share is then not shown
            }
        }
        return any ? OptionalDouble.of(total) : OptionalDouble.empty();
    }
}
