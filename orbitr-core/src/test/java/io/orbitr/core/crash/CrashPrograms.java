package io.orbitr.core.crash;

import io.orbitr.process.ProcessSpec;
import io.orbitr.process.ProcessSpec.StopSignal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The programs a crash host supervises, each carrying a marker in its command line ({@code MARKER-NAME}, as the
 * shell's {@code $0}) and in its environment ({@value #MARK_VARIABLE}, inherited by its children), so that a test
 * can count them in /proc without asking the supervisor.
 */
final class CrashPrograms {
    static final String MARK_VARIABLE = "ORBITR_CRASH_MARK";
    static final List<String> NAMES = List.of("quiet-1", "quiet-2", "stubborn", "forker");

    private CrashPrograms() {
    }

    static List<ProcessSpec> specs(String marker) {
        return List.of(
                shell("quiet-1", marker, "sleep 1000; exit 0").build(),
                shell("quiet-2", marker, "sleep 1000; exit 0").build(),
                shell("stubborn", marker, "trap '' TERM INT; while :; do sleep 1; done")
                        .gracePeriod(Duration.ofMillis(500)).build(),
                shell("forker", marker, "sleep 1000 & sleep 1000 & wait").stopSignal(StopSignal.INT).build());
    }

    private static ProcessSpec.Builder shell(String name, String marker, String script) {
        return ProcessSpec.builder(name, "/bin/sh").args("-c", script, marker + "-" + name)
                .environment(MARK_VARIABLE, marker).startPeriod(Duration.ofMillis(100));
    }

    /** @return how many live processes have {@code MARKER-NAME} in their command line */
    static long countByCommandLine(String marker, String name) {
        String wanted = marker + "-" + name;
        return pids().filter(pid -> read(pid, "cmdline").contains(wanted)).count();
    }

    /** @return the live processes that carry the marker in their environment: the programs and their children */
    static List<Long> carriers(String marker) {
        String wanted = MARK_VARIABLE + "=" + marker;
        return pids().filter(pid -> List.of(read(pid, "environ").split("\0")).contains(wanted)).toList();
    }

    /** @return the live (not zombie) pids in /proc */
    static Stream<Long> pids() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(CrashPrograms::running).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    static String read(long pid, String file) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), file)),
                    StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** @return the fields after the command name of /proc/PID/stat, empty when gone */
    static String[] stat(long pid) {
        String stat = read(pid, "stat");
        int close = stat.lastIndexOf(')');
        return close < 0 || close + 2 > stat.length() ? new String[0] : stat.substring(close + 2).split(" ");
    }

    private static boolean running(long pid) {
        String[] fields = stat(pid);
        return fields.length > 0 && !fields[0].equals("Z") && !fields[0].equals("X");
    }
}
