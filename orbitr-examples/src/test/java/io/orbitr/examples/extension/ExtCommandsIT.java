package io.orbitr.examples.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.examples.launcher.LauncherRun;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The ext commands against the real engine: install from a file with --set, list, status, remove --purge. */
@RealDocker
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExtCommandsIT {
    @TempDir
    Path directory;

    @Test
    void installListStatusRemove() throws Exception {
        TestImages.busybox();
        String id = "wt-extensions-cli-" + UUID.randomUUID().toString().substring(0, 6);
        Path file = directory.resolve("orbitr-extension.yml");
        Files.writeString(file, """
                manifestVersion: 1
                id: %s
                name: CLI web
                version: "1.0"
                inputs:
                  - {name: GREETING, type: text, required: true}
                services:
                  web:
                    image: %s
                    command: httpd -f -p 8080 -h /data
                    environment: {GREETING: "${inputs.GREETING}"}
                    cap_drop: [NET_RAW]
                    volumes: ["data:/data"]
                health: {startPeriod: 20s, interval: 2s}
                volumes: {data: {kind: data}}
                """.formatted(id, TestImages.BUSYBOX));
        String data = directory.resolve("data").toString();

        LauncherRun missing = LauncherRun.of("ext", "install", file.toString(), "--data-dir", data);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.out()).contains("inputs.GREETING: is required");

        LauncherRun install = LauncherRun.of("ext", "install", file.toString(), "--set", "GREETING=hi", "--data-dir",
                data);
        try {
            assertThat(install.exitCode()).as(install.err()).isZero();
            assertThat(install.out()).contains("installed " + id + " 1.0");
            assertThat(LauncherRun.of("ext", "list", "--data-dir", data).out()).contains(id).contains("running");
            LauncherRun status = LauncherRun.of("ext", "status", id, "--data-dir", data);
            assertThat(status.out()).contains("service web: orbitr-ext-" + id + "-web running at ")
                    .contains("check ext." + id + ".container");
        } finally {
            LauncherRun remove = LauncherRun.of("ext", "remove", id, "--purge", "--data-dir", data);
            assertThat(remove.exitCode()).as(remove.err()).isZero();
        }
        assertThat(LauncherRun.of("ext", "list", "--data-dir", data).out()).doesNotContain(id);
    }
}
