package io.orbitr.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Files a test made for itself. */
public final class TestFiles {
    private TestFiles() {
    }

    /**
     * Deletes a directory and everything in it, deepest first; what cannot be deleted stays (a leftover temporary
     * directory is harmless, and a test's own outcome matters more than its cleanup).
     *
     * @param root the directory; nothing happens when it does not exist
     */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
