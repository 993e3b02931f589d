package io.orbitr.examples.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.NotFoundException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerQuery;
import io.orbitr.engine.ContainerStatus;
import io.orbitr.PageRequest;
import io.orbitr.testing.Await;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL of the installing JVM in the middle of an install; the next start undoes it, leaving nothing half. */
@RealDocker
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CrashDuringInstallIT {
    @TempDir
    Path directory;

    @Test
    void anInstallKilledMidwayIsUndoneAtTheNextStart() throws Exception {
        TestImages.busybox();
        String id = "wt-extensions-crash-" + UUID.randomUUID().toString().substring(0, 6);
        Path manifest = directory.resolve("crash.yml");
        // The main service never becomes healthy within the start period: the install is still waiting when killed.
        Files.writeString(manifest, """
                manifestVersion: 1
                id: %s
                name: Crash
                version: "1"
                services:
                  cache:
                    image: %s
                    command: sleep 3600
                  web:
                    image: %s
                    command: sleep 3600
                    depends_on: [cache]
                    volumes: ["data:/data"]
                    healthcheck:
                      test: ["CMD", "test", "-f", "/tmp/never"]
                      interval: 1s
                      start_period: 120s
                main: web
                health:
                  startPeriod: 120s
                volumes:
                  data: {kind: data}
                """.formatted(id, TestImages.BUSYBOX, TestImages.BUSYBOX));
        Path data = directory.resolve("data");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InstallingProcess.class.getName(), data.toString(),
                manifest.toString()).redirectErrorStream(true).redirectOutput(directory.resolve("child.log").toFile())
                .start();
        try (Orbitr observer = Orbitr.builder().dataDirectory(directory.resolve("observer")).inMemoryStore().build()) {
            ContainerEngine engine = observer.engine();
            Await.until("the installing JVM to start the web container", Duration.ofSeconds(90),
                    () -> engine.containers().find("orbitr-ext-" + id + "-web")
                            .filter(c -> c.status() == ContainerStatus.RUNNING).isPresent(),
                    () -> readLog(directory.resolve("child.log")));
        } finally {
            child.destroyForcibly();   // SIGKILL: no shutdown hook, no finally block runs in the child
            child.waitFor(30, TimeUnit.SECONDS);
        }

        try (Orbitr restarted = Orbitr.builder().dataDirectory(data).build()) {
            ContainerEngine engine = restarted.engine();
            assertThat(restarted.extensions().find(id)).isEmpty();
            assertThat(engine.containers().list(ContainerQuery.all().withLabel("io.orbitr.extension", id),
                    PageRequest.first(100)).items()).isEmpty();
            assertThatThrownBy(() -> engine.networks().inspect("orbitr-ext-" + id))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> engine.volumes().inspect("orbitr-ext-" + id + "-data"))
                    .isInstanceOf(NotFoundException.class);
            assertThat(Files.exists(data.resolve("extensions").resolve(id))).isFalse();
            assertThat(restarted.health().targets(100, Optional.empty()).items()).isEmpty();
            assertThat(restarted.extensions().list(10, Optional.empty()).items()).isEmpty();
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
