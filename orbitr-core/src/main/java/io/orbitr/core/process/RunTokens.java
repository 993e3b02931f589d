package io.orbitr.core.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the processes that carry a run token in their environment ({@value ProcessRecord#TOKEN_VARIABLE}, set by
 * the launcher and inherited by everything the program starts). Only this user's processes can be read, which are
 * the only ones the supervisor can have started.
 */
final class RunTokens {
    private static final Path PROC = Path.of("/proc");
    private static final byte[] PREFIX = (ProcessRecord.TOKEN_VARIABLE + "=").getBytes(StandardCharsets.US_ASCII);

    private RunTokens() {
    }

    /**
     * @param tokens the tokens wanted
     * @return for each wanted token found, the pids of the live processes carrying it
     */
    static Map<String, List<Long>> carriers(Set<String> tokens) {
        Map<String, List<Long>> found = new HashMap<>();
        if (tokens.isEmpty() || !Files.isDirectory(PROC)) {
            return found;
        }
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(path -> path.getFileName().toString())
                    .filter(entry -> !entry.isEmpty() && entry.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> pid != self)
                    .forEach(pid -> token(pid).filter(tokens::contains)
                            .ifPresent(token -> found.computeIfAbsent(token, t -> new ArrayList<>()).add(pid)));
        } catch (IOException | RuntimeException e) {
            // Without /proc the token cannot help; pid, group and start time still do where they can.
        }
        return found;
    }

    /** @return the run token in the process's environment, if it has one and it can be read */
    static Optional<String> token(long pid) {
        byte[] environment;
        try {
            environment = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone, or another user's
        }
        // Entries are NUL-terminated NAME=VALUE pairs.
        int start = 0;
        for (int i = 0; i <= environment.length; i++) {
            if (i == environment.length || environment[i] == 0) {
                if (startsWith(environment, start, i)) {
                    return Optional.of(new String(environment, start + PREFIX.length,
                            i - start - PREFIX.length, StandardCharsets.US_ASCII));
                }
                start = i + 1;
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int from, int to) {
        if (to - from < PREFIX.length) {
            return false;
        }
        for (int i = 0; i < PREFIX.length; i++) {
            if (bytes[from + i] != PREFIX[i]) {
                return false;
            }
        }
        return true;
    }
}
