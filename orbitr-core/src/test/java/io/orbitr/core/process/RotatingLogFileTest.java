package io.orbitr.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.process.LogRotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {
    @TempDir
    Path dir;

    /** 100 lines of 19 bytes plus newline: 2,000 bytes. */
    private static void write100(RotatingLogFile file) throws IOException {
        for (int i = 0; i < 100; i++) {
            file.write(String.format("line number %07d", i));
        }
    }

    @Test
    void rotatesBySizeWithoutSplittingLinesAndKeepsTheNewestBackups() throws IOException {
        Path path = dir.resolve("logs/out.log");
        try (RotatingLogFile file = new RotatingLogFile(path, new LogRotation(1024, 2))) {
            write100(file);
            write100(file);
        }

        // 200 lines of 20 bytes make files of 51, 51, 51 and 47 lines; the newest three are kept: 149 lines.
        assertThat(path.resolveSibling("out.log.3")).doesNotExist();
        List<String> kept = new ArrayList<>();
        for (Path part : List.of(path.resolveSibling("out.log.2"), path.resolveSibling("out.log.1"), path)) {
            assertThat(Files.size(part)).isLessThanOrEqualTo(1024);
            List<String> lines = Files.readAllLines(part);
            assertThat(lines).allMatch(line -> line.matches("line number \\d{7}"));
            kept.addAll(lines);
        }
        assertThat(kept).hasSize(149).endsWith("line number 0000099");
        // The kept lines are contiguous: nothing lost between the files that remain.
        for (int i = 1; i < kept.size(); i++) {
            int previous = Integer.parseInt(kept.get(i - 1).substring(12));
            int current = Integer.parseInt(kept.get(i).substring(12));
            assertThat(current).isEqualTo((previous + 1) % 100);
        }
    }

    @Test
    void appendsToAnExistingFileAndCountsItsSize() throws IOException {
        Path path = dir.resolve("out.log");
        Files.writeString(path, "x".repeat(1000) + "\n");
        try (RotatingLogFile file = new RotatingLogFile(path, new LogRotation(1024, 1))) {
            file.write("this line does not fit beside the old content");
        }

        assertThat(Files.readAllLines(path.resolveSibling("out.log.1"))).containsExactly("x".repeat(1000));
        assertThat(Files.readAllLines(path)).containsExactly("this line does not fit beside the old content");
    }

    @Test
    void withoutBackupsStartsTheFileOver() throws IOException {
        Path path = dir.resolve("out.log");
        try (RotatingLogFile file = new RotatingLogFile(path, new LogRotation(1024, 0))) {
            write100(file);
        }

        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(path);
        }
        assertThat(Files.readAllLines(path)).hasSize(49).endsWith("line number 0000099");
    }

    @Test
    void aLineLongerThanTheLimitGetsAFileOfItsOwn() throws IOException {
        Path path = dir.resolve("out.log");
        String longLine = "y".repeat(3000);
        try (RotatingLogFile file = new RotatingLogFile(path, new LogRotation(1024, 3))) {
            file.write("before");
            file.write(longLine);
            file.write("after");
        }

        assertThat(Files.readAllLines(path.resolveSibling("out.log.2"))).containsExactly("before");
        assertThat(Files.readAllLines(path.resolveSibling("out.log.1"))).containsExactly(longLine);
        assertThat(Files.readAllLines(path)).containsExactly("after");
    }
}
