package io.orbitr.examples.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.examples.launcher.LauncherRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExtCommandsTest {
    @TempDir
    Path directory;

    @Test
    void validatePrintsEveryProblemWithItsPathAndExits2() throws IOException {
        Path file = directory.resolve("orbitr-extension.yml");
        Files.writeString(file, """
                manifestVersion: 1
                id: web
                name: Web
                version: "1"
                services:
                  web:
                    image: busybox
                    build: .
                    ports: ["8000-8010:80"]
                """);

        LauncherRun run = LauncherRun.of("ext", "validate", file.toString(), "--data-dir", directory.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("invalid: 2 problems").contains("services.web.build: the Compose key 'build'")
                .contains("services.web.ports[0]: '8000-8010:80'");
    }

    @Test
    void validateSaysValid() throws IOException {
        Path file = directory.resolve("ok.yml");
        Files.writeString(file, """
                manifestVersion: 1
                id: web
                name: Web
                version: "1"
                services:
                  web: {image: busybox}
                """);

        LauncherRun run = LauncherRun.of("ext", "validate", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("valid");
    }

    @Test
    void installOnAnEngineThatIsNotConfiguredNamesTheEndpointsThereAre() throws IOException {
        Path file = directory.resolve("ok.yml");
        Files.writeString(file, """
                manifestVersion: 1
                id: web
                name: Web
                version: "1"
                services:
                  web: {image: busybox}
                """);

        LauncherRun run = LauncherRun.of("ext", "install", file.toString(), "--on-engine", "nowhere",
                "--engine", "edge=tcp://10.0.0.5:2376", "--data-dir", directory.resolve("data").toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("engine").contains("nowhere").contains("[local, edge]");
    }

    @Test
    void importWritesADraftThatValidates() throws IOException {
        Path compose = directory.resolve("docker-compose.yml");
        Files.writeString(compose, """
                services:
                  web:
                    image: nginx:1.27
                    ports: ["8080:80"]
                    privileged: true
                """);
        Path draft = directory.resolve("draft.yml");

        LauncherRun run = LauncherRun.of("ext", "import", compose.toString(), "--id", "nginx", "-o", draft.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("not carried over: services.web.privileged");
        assertThat(LauncherRun.of("ext", "validate", draft.toString()).out().strip()).isEqualTo("valid");
    }
}
