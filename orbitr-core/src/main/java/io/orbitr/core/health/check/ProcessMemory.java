package io.orbitr.core.health.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resident memory of a host process tree, read from Linux's {@code /proc/PID/status} ({@code VmRSS}). Shared pages
 * are counted once per process, as {@code ps} and {@code top} do.
 */
final class ProcessMemory {
    private static final Path PROC = Path.of("/proc");

    private ProcessMemory() {
    }

    /**
     * @param rssBytes  the resident memory of the tree
     * @param processes how many of its processes were still there to be read
     */
    record Usage(long rssBytes, int processes) {
    }

    /**
     * @param pid the tree's root
     * @return the summed resident memory of the process and its descendants
     * @throws IOException when {@code /proc} cannot be read, or the root process is gone
     */
    static Usage ofTree(long pid) throws IOException {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(root -> root.descendants().forEach(child -> pids.add(child.pid())));
        long total = 0;
        int read = 0;
        for (long each : pids) {
            try {
                total += rssBytes(each);
                read++;
            } catch (NoSuchFileException e) {
                if (each == pid) {
                    throw new NoSuchFileException("process " + pid + " is gone");
                }
                // a child that exited meanwhile has no memory left to count
            }
        }
        return new Usage(total, read);
    }

    private static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"))) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        // Kernel threads and zombies have no VmRSS line: nothing resident.
        return 0;
    }
}
