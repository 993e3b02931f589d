package io.orbitr.docker.engines;

import static io.orbitr.docker.engines.Recorder.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.EngineSettings;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import io.orbitr.health.Remediation;
import io.orbitr.notify.Notification;
import io.orbitr.testing.NamespacedEngine;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.TestFiles;
import io.orbitr.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The checks that reach a container through the engine ({@code command} in a container, {@code memory},
 * {@code log-pattern}) and remediation, on the endpoint their {@code engine} option names: a second real dockerd in
 * a network namespace of its own, over TCP with TLS. Its containers exist only there, so the same checks without
 * {@code engine} ask the host's engine and find nothing. Nothing is created on the host's engine.
 */
@RealDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ChecksOnSeveralEnginesIT {
    private static final String SECOND = "second";
    private static final Duration BOUND = Duration.ofSeconds(30);
    /** Stops at once on SIGTERM (a shell as pid 1 ignores it otherwise, and a restart takes 10 s). */
    private static final String SERVE = "trap 'exit 0' TERM; while true; do sleep 1; done";

    private NamespacedEngine second;
    private Orbitr orbitr;
    private Path data;
    private ContainerEngine remote;
    private String app;
    private String heal;

    @BeforeAll
    void startTheSecondEngine() throws Exception {
        second = NamespacedEngine.startedWith(TestImages.busybox());
        data = Files.createTempDirectory("orbitr-checkengines-data-");
        orbitr = Orbitr.builder().inMemoryStore().dataDirectory(data).build();
        orbitr.engines().save(EngineSettings.named(SECOND, second.uri()).withTls(second.tls())
                .withRequestTimeout(Duration.ofSeconds(5)).withConnectTimeout(Duration.ofSeconds(1)));
        remote = orbitr.engines().get(SECOND);
        app = "orbitr-checkengines-app-" + second.id;
        heal = "orbitr-checkengines-heal-" + second.id;
        run(app, "echo starting; echo 'ERROR db gone'; echo ready; " + SERVE);
        run(heal, SERVE);
        await(BOUND, app + " logged ready", () -> remote.recentLogs(app, 100).stream()
                .anyMatch(line -> line.text().equals("ready")));
    }

    private void run(String name, String script) {
        remote.containers().create(ContainerSpec.builder(TestImages.busybox()).name(name)
                .label("io.orbitr.test.owner", "orbitr-checkengines").command("sh", "-c", script).build());
        remote.containers().start(name);
    }

    @AfterAll
    void cleanUp() throws Exception {
        try {
            if (orbitr != null) {
                // The containers live on the second engine only, and go with it.
                orbitr.close();
            }
        } finally {
            if (second != null) {
                second.close();
            }
            if (data != null) {
                TestFiles.deleteTree(data);
            }
        }
    }

    private HealthResult check(Object... options) throws Exception {
        return orbitr.healthCheck(CheckSpec.of((String) options[0], java.util.Arrays.copyOfRange(options, 1,
                options.length))).check();
    }

    @Test
    void commandMemoryAndLogPatternChecksAskTheEngineTheyNameAndRemediationRestartsThere() throws Exception {
        assertThat(orbitr.engine().containers().find(app)).as("nothing of this test on the host's engine").isEmpty();

        // The container's hostname is its id: the command ran on the second engine.
        HealthResult command = check("command", "container", app, "command", "hostname", "engine", SECOND);
        assertThat(command.status()).isEqualTo(HealthStatus.UP);
        assertThat((String) command.details().get("output"))
                .isEqualTo(remote.containers().inspect(app).id().substring(0, 12) + "\n");

        HealthResult memory = check("memory", "container", app, "limit", "1g", "engine", SECOND);
        assertThat(memory.status()).isEqualTo(HealthStatus.UP);
        assertThat((Long) memory.details().get("usedBytes")).isPositive();
        assertThat(memory.message()).endsWith("used by container " + app + " on engine 'second'");

        HealthResult errors = check("log-pattern", "container", app, "error", "ERROR", "engine", SECOND);
        assertThat(errors.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(errors.details()).containsEntry("errors", 1).containsEntry("scanned", 3)
                .containsEntry("lastError", "ERROR db gone");
        assertThat(check("log-pattern", "container", app, "error", "FATAL", "engine", SECOND).status())
                .isEqualTo(HealthStatus.UP);

        // Without engine: the host's engine, which has no such container.
        for (HealthResult local : List.of(check("command", "container", app, "command", "true"),
                check("memory", "container", app, "limit", "1g"),
                check("log-pattern", "container", app, "error", "ERROR"))) {
            assertThat(local.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(local.message()).contains("no such container").contains(app);
        }
        assertThatThrownBy(() -> orbitr.healthCheck(CheckSpec.of("memory", "container", app, "limit", "1g",
                "engine", "third"))).isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid memory.engine 'third': is not a configured engine; configured: [local, second]");

        // Remediation: a running but failing container on the second engine is restarted there.
        Instant firstStart = remote.containers().inspect(heal).state().startedAt().orElseThrow();
        orbitr.health().add(HealthTarget.builder("heal", CheckSpec.of("command", "container", heal,
                "command", "exit 1", "engine", SECOND)).interval(Duration.ofSeconds(1))
                .remediation(Remediation.restartContainer(heal).afterDownChecks(1)
                        .maxRestarts(1, Duration.ofHours(1)))
                .build());
        await(BOUND, "a restart of " + heal + " on the second engine", () -> notifications("heal").stream()
                .anyMatch(m -> m.startsWith("heal: restarted container '" + heal + "' on engine 'second' after ")));
        await(BOUND, heal + " running again", () -> remote.containers().inspect(heal).state().running());
        assertThat(remote.containers().inspect(heal).state().startedAt().orElseThrow()).isAfter(firstStart);
        assertThat(orbitr.engine().containers().find(heal)).isEmpty();
        orbitr.health().remove("heal");

        // The second engine gone: its checks are DOWN, naming it.
        second.kill();
        HealthResult silent = check("memory", "container", app, "limit", "1g", "engine", SECOND);
        assertThat(silent.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(silent.message()).contains("engine 'second'");
    }

    private List<String> notifications(String id) {
        return orbitr.notifications().list(false, 1000, Optional.empty()).items().stream()
                .filter(n -> n.targetId().equals(id)).map(Notification::message).toList();
    }
}
