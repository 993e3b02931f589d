package io.orbitr.docker.engines;

import static io.orbitr.docker.engines.Recorder.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.UnavailableException;
import io.orbitr.core.Orbitr;
import io.orbitr.stream.LogOptions;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerQuery;
import io.orbitr.engine.ContainerRestartPolicy;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.EngineSettings;
import io.orbitr.PageRequest;
import io.orbitr.engine.swarm.NodeAvailability;
import io.orbitr.engine.swarm.NodeRole;
import io.orbitr.engine.swarm.ServiceDetails;
import io.orbitr.engine.swarm.ServiceSpec;
import io.orbitr.engine.swarm.Swarm;
import io.orbitr.engine.swarm.SwarmNode;
import io.orbitr.engine.swarm.SwarmTask;
import io.orbitr.engine.swarm.UpdatePolicy;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StatsSample;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.Subscription;
import io.orbitr.testing.NamespacedEngine;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.TestFiles;
import io.orbitr.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * One Orbitr manages two real engines: the host's, and a second dockerd in a network namespace of its own, reached
 * over TCP with TLS client certificates. Then a single-node swarm on the second engine only (never the host's,
 * which others use).
 */
@RealDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class SeveralEnginesIT {
    private static final String SECOND = "second";
    private static final Duration BOUND = Duration.ofSeconds(30);

    private NamespacedEngine second;
    private Orbitr orbitr;
    private Path data;
    private String container;
    private final List<Subscription> subscriptions = new ArrayList<>();

    @BeforeAll
    void startTheSecondEngine() throws Exception {
        second = NamespacedEngine.startedWith(TestImages.busybox());
        data = Files.createTempDirectory("orbitr-engines-data-");
        orbitr = Orbitr.builder().dataDirectory(data).build();
        container = "orbitr-engines-" + second.id;
    }

    @AfterAll
    void cleanUp() throws Exception {
        subscriptions.forEach(Subscription::cancel);
        try {
            if (orbitr != null) {
                try {
                    orbitr.engine().containers().remove(container, true, false);
                } catch (RuntimeException e) {
                    // Not created, or already gone.
                }
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

    @Test
    @Order(1)
    void oneOrbitrManagesContainersLogsAndStatsOnBothEnginesAndADeadEngineFailsOnlyItsOwnCalls() throws Exception {
        EngineSettings endpoint = orbitr.engines().save(EngineSettings.named(SECOND, second.uri())
                .withTls(second.tls()).withRequestTimeout(Duration.ofSeconds(5)).withConnectTimeout(
                        Duration.ofSeconds(1)));
        assertThat(orbitr.engines().list()).extracting(EngineSettings::name).containsExactly("local", SECOND);

        // The same container name on both engines: two containers, two streams.
        ContainerSpec spec = ContainerSpec.builder(TestImages.busybox()).name(container)
                .label("orbitr.test", "engines")
                .restartPolicy(ContainerRestartPolicy.always())
                .command("sh", "-c", "i=0; while true; do i=$((i+1)); echo \"$(hostname) line $i\"; sleep 0.2; done")
                .build();
        ContainerEngine local = orbitr.engine();
        ContainerEngine remote = orbitr.engines().get(SECOND);
        local.containers().create(spec);
        local.containers().start(container);
        remote.containers().create(spec);
        remote.containers().start(container);
        assertThat(remote.containers().list(ContainerQuery.all(), PageRequest.first(100)).items())
                .anySatisfy(c -> assertThat(c.name()).isEqualTo(container));
        assertThat(remote.endpoint()).isEqualTo(endpoint);
        assertThat(remote.info().endpoint()).isEqualTo(second.uri().toString());

        Recorder<LogLine> localLines = new Recorder<>();
        Recorder<LogLine> remoteLines = new Recorder<>();
        Recorder<StatsSample> localStats = new Recorder<>();
        Recorder<StatsSample> remoteStats = new Recorder<>();
        LogOptions follow = LogOptions.builder().tail(5).build();
        subscriptions.add(orbitr.streams().containerLogs(container, follow, localLines));
        subscriptions.add(orbitr.streams().containerLogs(SECOND, container, follow, remoteLines));
        subscriptions.add(orbitr.streams().containerStats(container, localStats));
        subscriptions.add(orbitr.streams().containerStats(SECOND, container, remoteStats));
        await(BOUND, "lines and stats from both engines", () -> localLines.count() >= 3 && remoteLines.count() >= 3
                && localStats.count() >= 1 && remoteStats.count() >= 1);
        assertThat(orbitr.streams().openStreams()).isEqualTo(4);
        String localHost = local.containers().inspect(container).id().substring(0, 12);
        String remoteHost = remote.containers().inspect(container).id().substring(0, 12);
        assertThat(localLines.items()).allSatisfy(line -> assertThat(line.text()).startsWith(localHost));
        assertThat(remoteLines.items()).allSatisfy(line -> assertThat(line.text()).startsWith(remoteHost));

        HealthCheck localCheck = orbitr.healthCheck(CheckSpec.of("docker", "container", container));
        HealthCheck remoteCheck = orbitr.healthCheck(CheckSpec.of("docker", "container", container, "engine", SECOND));
        assertThat(localCheck.check().status()).isEqualTo(HealthStatus.UP);
        assertThat(remoteCheck.check().status()).isEqualTo(HealthStatus.UP);

        second.kill();

        assertThatThrownBy(() -> remote.containers().inspect(container))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("engine 'second'");
        assertThatThrownBy(remoteCheck::check).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("engine 'second'");
        await(BOUND, "the second engine's log stream reconnecting", () -> remoteLines.saw(StreamEvent.Kind.RECONNECTING));
        // The local engine goes on: calls, its check, and its stream.
        assertThat(local.containers().inspect(container).id()).startsWith(localHost);
        assertThat(localCheck.check().status()).isEqualTo(HealthStatus.UP);
        int before = localLines.count();
        await(BOUND, "local lines while the second engine is down", () -> localLines.count() >= before + 5);
        assertThat(localLines.completion()).isEmpty();

        second.restart();

        await(BOUND, "the second engine answering again", () -> {
            try {
                return remoteCheck.check().status() == HealthStatus.UP;
            } catch (Exception e) {
                return false;
            }
        });
        int remoteBefore = remoteLines.count();
        await(Duration.ofSeconds(45), "the second engine's stream resuming",
                () -> remoteLines.saw(StreamEvent.Kind.RECONNECTED) && remoteLines.count() >= remoteBefore + 3);
        assertThat(remoteLines.completion()).isEmpty();
        int remoteSamples = remoteStats.count();
        await(Duration.ofSeconds(45), "the second engine's stats resuming", () -> remoteStats.count() > remoteSamples);
    }

    @Test
    @Order(2)
    void aSingleNodeSwarmOnTheSecondEngineRunsScalesUpdatesAndRemovesAService() throws Exception {
        if (orbitr.engines().find(SECOND).isEmpty()) {
            orbitr.engines().save(EngineSettings.named(SECOND, second.uri()).withTls(second.tls()));
        }
        Swarm swarm = orbitr.engines().get(SECOND).swarm();
        assertThat(swarm.isManager()).isFalse();
        second.docker("swarm", "init", "--advertise-addr", second.address());
        assertThat(swarm.isManager()).isTrue();
        assertThat(orbitr.engine().swarm().isManager()).as("the host's engine is left alone").isFalse();

        List<SwarmNode> nodes = swarm.nodes();
        assertThat(nodes).singleElement().satisfies(node -> {
            assertThat(node.role()).isEqualTo(NodeRole.MANAGER);
            assertThat(node.leader()).isTrue();
            assertThat(node.availability()).isEqualTo(NodeAvailability.ACTIVE);
        });
        SwarmNode node = nodes.get(0);
        assertThat(swarm.availability(node.hostname(), NodeAvailability.PAUSE).availability())
                .isEqualTo(NodeAvailability.PAUSE);
        assertThat(swarm.availability(node.id(), NodeAvailability.ACTIVE).availability())
                .isEqualTo(NodeAvailability.ACTIVE);

        String name = "orbitr-engines-svc-" + second.id;
        String id = swarm.create(ServiceSpec.builder(name, TestImages.busybox())
                .command("sh", "-c", "while true; do echo \"svc $(hostname) $GREETING\"; sleep 0.3; done")
                .env("GREETING", "hello")
                .label("orbitr.test", "engines")
                .build());
        assertThat(swarm.inspect(name).id()).isEqualTo(id);
        HealthCheck serviceCheck = orbitr.healthCheck(CheckSpec.of("docker", "service", name, "engine", SECOND));
        await(BOUND, "one task running (the image is local, never resolved in a registry)",
                () -> running(swarm, name) == 1);
        assertThat(serviceCheck.check().status()).isEqualTo(HealthStatus.UP);

        Recorder<LogLine> serviceLines = new Recorder<>();
        subscriptions.add(orbitr.streams().serviceLogs(SECOND, name, LogOptions.builder().tail(10).build(),
                serviceLines));
        await(BOUND, "service log lines through the hub",
                () -> serviceLines.items().stream().anyMatch(l -> l.text().contains("svc ")));

        ServiceDetails scaled = swarm.scale(name, 2);
        assertThat(scaled.replicas()).isEqualTo(2);
        await(BOUND, "two tasks running", () -> running(swarm, name) == 2);
        HealthResult two = serviceCheck.check();
        assertThat(two.status()).isEqualTo(HealthStatus.UP);
        assertThat(two.message()).contains("2 of 2");

        UpdatePolicy rolling = UpdatePolicy.DEFAULT.withParallelism(1).withDelay(Duration.ofMillis(100))
                .withOrder(UpdatePolicy.Order.START_FIRST).withFailureAction(UpdatePolicy.FailureAction.CONTINUE)
                .withMonitor(Duration.ofSeconds(1));
        ServiceDetails updated = swarm.update(name, scaled.spec().toBuilder().env("GREETING", "updated")
                .updatePolicy(rolling).build());
        assertThat(updated.spec().environment()).containsEntry("GREETING", "updated");
        assertThat(updated.spec().updatePolicy()).isEqualTo(rolling);
        assertThat(updated.version()).isGreaterThan(scaled.version());
        await(Duration.ofSeconds(45), "the rolling update done: two new tasks running", () ->
                swarm.inspect(name).updateState().equals("completed") && running(swarm, name) == 2);
        await(BOUND, "lines of the updated tasks",
                () -> serviceLines.items().stream().anyMatch(l -> l.text().contains("updated")));

        swarm.remove(name);
        assertThat(swarm.find(name)).isEmpty();
        HealthResult gone = serviceCheck.check();
        assertThat(gone.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(gone.message()).contains("no such service");
        second.docker("swarm", "leave", "--force");
    }

    private static long running(Swarm swarm, String service) {
        return swarm.tasks(service).stream().filter(SwarmTask::running).count();
    }
}
