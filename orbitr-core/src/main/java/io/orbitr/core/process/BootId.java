package io.orbitr.core.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This boot of the machine, from {@code /proc/sys/kernel/random/boot_id}: a random UUID the kernel draws at each
 * boot. Pids and start times (ticks since boot) only mean something within one boot, so a process recorded under
 * another boot id cannot be running any more, whatever its pid now is.
 */
final class BootId {
    private static final Path FILE = Path.of("/proc/sys/kernel/random/boot_id");

    private BootId() {
    }

    /** @return this boot's id, or "" where the kernel does not give one (then only pid and start time match) */
    static String current() {
        try {
            return Files.readString(FILE, StandardCharsets.US_ASCII).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
