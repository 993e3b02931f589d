package io.orbitr.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DashboardVersionTest {

    @Test
    void theSameFilesGiveTheSameVersionOfTwelveHexDigits() {
        String version = DashboardVersion.of(Dashboard.DIRECTORY);
        assertThat(version).matches("[0-9a-f]{12}").isEqualTo(DashboardVersion.of(Dashboard.DIRECTORY));
    }

    @Test
    void filesOutsideAnyJarAreHashedTooAndAChangeGivesANewVersion() throws Exception {
        Path root = Files.createTempDirectory("orbitr-dashboard-version");
        try {
            Path files = Files.createDirectories(root.resolve("io/orbitr/test-dashboard"));
            Files.writeString(files.resolve("app.js"), "export const a = 1;\n");
            ClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {root.toUri().toURL()}, null);
            String before = DashboardVersion.of(loader, "io/orbitr/test-dashboard");
            Files.writeString(files.resolve("app.js"), "export const a = 2;\n");
            String after = DashboardVersion.of(loader, "io/orbitr/test-dashboard");
            assertThat(before).matches("[0-9a-f]{12}");
            assertThat(after).matches("[0-9a-f]{12}").isNotEqualTo(before);
        } finally {
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
