package io.orbitr.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.NotFoundException;
import io.orbitr.UnavailableException;
import io.orbitr.engine.ContainerDetails;
import io.orbitr.engine.ContainerHealthCheck;
import io.orbitr.engine.ContainerQuery;
import io.orbitr.engine.ContainerRestartPolicy;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.ContainerStatus;
import io.orbitr.engine.ContainerSummary;
import io.orbitr.engine.Containers;
import io.orbitr.engine.ExecResult;
import io.orbitr.engine.Mount;
import io.orbitr.engine.NetworkEndpoint;
import io.orbitr.engine.NetworkSpec;
import io.orbitr.Page;
import io.orbitr.PageRequest;
import io.orbitr.engine.PortBinding;
import io.orbitr.testing.RealDocker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealDocker
class DockerContainersIT {
    private static final Duration QUICK = Duration.ofSeconds(1);

    private DockerFixture docker;
    private Containers containers;

    @BeforeEach
    void connect() {
        docker = new DockerFixture();
        containers = docker.engine().containers();
    }

    @AfterEach
    void cleanUp() {
        docker.close();
    }

    @Test
    void createsAContainerWithEverythingTheSpecAsks() {
        String volume = docker.name("vol");
        docker.removeVolumeOnClose(volume);
        var spec = docker.container("full", "sleep", "3600")
                .env("GREETING", "hello world")
                .label("io.orbitr.app", "web")
                .port(PortBinding.tcp(8080).onHost("127.0.0.1", 0))
                .mount(Mount.volume(volume, "/data"))
                .mount(Mount.bind("/tmp", "/host-tmp").asReadOnly())
                .mount(Mount.tmpfs("/scratch"))
                .restartPolicy(ContainerRestartPolicy.onFailure(2))
                .memoryLimit(64L * 1024 * 1024)
                .cpuLimit(0.5)
                .workingDirectory("/tmp")
                .build();
        String id = containers.create(spec);
        ContainerDetails created = containers.inspect(spec.name().orElseThrow());

        assertThat(created.id()).isEqualTo(id);
        assertThat(created.status()).isEqualTo(ContainerStatus.CREATED);
        assertThat(created.image()).isEqualTo(docker.image());
        assertThat(created.command()).containsExactly("sleep", "3600");
        assertThat(created.labels()).containsEntry("io.orbitr.app", "web");
        assertThat(created.environment()).contains("GREETING=hello world");
        assertThat(created.environmentMap()).containsEntry("GREETING", "hello world");
        assertThat(created.restartPolicy()).isEqualTo(ContainerRestartPolicy.onFailure(2));
        assertThat(created.limits().memoryBytes()).hasValue(64L * 1024 * 1024);
        assertThat(created.limits().cpus()).hasValue(0.5);
        assertThat(created.state().startedAt()).isEmpty();

        containers.start(created.name());
        ContainerDetails running = containers.inspect(created.name());
        assertThat(running.status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(running.state().running()).isTrue();
        assertThat(running.state().startedAt()).isPresent();
        assertThat(running.mounts()).contains(new Mount(Mount.Type.VOLUME, volume, "/data", false),
                new Mount(Mount.Type.BIND, "/tmp", "/host-tmp", true),
                new Mount(Mount.Type.TMPFS, "", "/scratch", false));
        assertThat(running.ports()).singleElement().satisfies(port -> {
            assertThat(port.containerPort()).isEqualTo(8080);
            assertThat(port.hostIp()).isEqualTo("127.0.0.1");
            assertThat(port.hostPort()).isPositive();
        });
        assertThat(running.networks()).singleElement().satisfies(network -> {
            assertThat(network.network()).isEqualTo("bridge");
            assertThat(network.ipAddress()).isNotEmpty();
        });
        ExecResult env = containers.exec(created.name(), List.of("sh", "-c", "echo \"$GREETING\"; pwd"),
                Duration.ofSeconds(10), 4096);
        assertThat(env.output()).isEqualTo("hello world\n/tmp\n");
    }

    @Test
    void anHttpdIsReachableOnItsPublishedPort() throws Exception {
        String name = docker.run(docker.container("httpd", "httpd", "-f", "-p", "8080", "-h", "/www")
                .port(PortBinding.tcp(8080).onHost("127.0.0.1", 0)).build());
        containers.exec(name, List.of("sh", "-c", "echo hello from orbitr > /www/index.html"),
                Duration.ofSeconds(10), 1024);
        int port = containers.inspect(name).ports().get(0).hostPort();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build();
        String[] body = new String[1];
        DockerFixture.await(Duration.ofSeconds(15), () -> {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                body[0] = response.body();
                return response.statusCode() == 200;
            } catch (Exception notYet) {
                return false;
            }
        }, "httpd answers on port " + port);
        assertThat(body[0]).isEqualTo("hello from orbitr\n");
    }

    @Test
    void aCrasherEndsExitedWithItsExitCode() {
        String name = docker.run(docker.container("crasher", "sh", "-c", "echo boom; exit 3").build());

        ContainerDetails exited = docker.awaitContainer(name, d -> d.status() == ContainerStatus.EXITED, "exits");

        assertThat(exited.state().exitCode()).isEqualTo(3);
        assertThat(exited.state().running()).isFalse();
        assertThat(exited.state().finishedAt()).isPresent();
        assertThatThrownBy(() -> containers.exec(name, List.of("true"), QUICK, 10))
                .isInstanceOf(ConflictException.class)
                .hasMessage("container " + name + " is not running");
        assertThatThrownBy(() -> containers.kill(name))
                .isInstanceOf(ConflictException.class)
                .hasMessage("container " + name + " is not running");
    }

    @Test
    void aCrasherWithARestartPolicyIsSeenRestarting() {
        String name = docker.run(docker.container("restarter", "sh", "-c", "exit 1")
                .restartPolicy(ContainerRestartPolicy.always()).build());

        ContainerDetails restarting = docker.awaitContainer(name,
                d -> d.status() == ContainerStatus.RESTARTING, "is restarting");

        assertThat(restarting.state().restarting()).isTrue();
        assertThat(restarting.state().exitCode()).isEqualTo(1);
        assertThat(containers.inspect(name).state().restartCount()).isPositive();
    }

    @Test
    void stopsRestartsKillsPausesAndRemoves() {
        String name = docker.run(docker.container("lifecycle", "sleep", "3600").build());
        var firstStart = containers.inspect(name).state().startedAt().orElseThrow();

        containers.pause(name);
        assertThat(containers.inspect(name).status()).isEqualTo(ContainerStatus.PAUSED);
        assertThatThrownBy(() -> containers.pause(name)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("container " + name + " is");
        containers.unpause(name);
        assertThat(containers.inspect(name).status()).isEqualTo(ContainerStatus.RUNNING);

        containers.restart(name, QUICK);
        ContainerDetails restarted = containers.inspect(name);
        assertThat(restarted.status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(restarted.state().startedAt().orElseThrow()).isAfter(firstStart);

        containers.stop(name, QUICK);
        assertThat(containers.inspect(name).status()).isEqualTo(ContainerStatus.EXITED);
        containers.stop(name, QUICK);
        containers.start(name);
        containers.start(name);
        assertThat(containers.inspect(name).status()).isEqualTo(ContainerStatus.RUNNING);

        assertThatThrownBy(() -> containers.remove(name))
                .isInstanceOf(ConflictException.class)
                .hasMessage("container " + name + " is running; stop it first or remove it with force");
        containers.kill(name);
        ContainerDetails killed = docker.awaitContainer(name, d -> d.status() == ContainerStatus.EXITED, "dies");
        assertThat(killed.state().exitCode()).isEqualTo(137);

        containers.remove(name);
        assertThat(containers.find(name)).isEmpty();
    }

    @Test
    void aSignalReachesTheMainProcess() {
        String name = docker.run(docker.container("signal", "sh", "-c",
                "trap 'echo got-usr1 > /tmp/signal' USR1; while true; do sleep 0.1; done").build());

        containers.kill(name, "SIGUSR1");

        DockerFixture.await(Duration.ofSeconds(10), () -> containers.exec(name, List.of("cat", "/tmp/signal"), QUICK,
                100).output().equals("got-usr1\n"), "the trap ran");
    }

    @Test
    void execCapturesOutputAndExitCodeWithinItsBounds() {
        String name = docker.run(docker.container("exec", "sleep", "3600").build());

        ExecResult both = containers.exec(name, List.of("sh", "-c", "echo out; echo err >&2; exit 7"),
                Duration.ofSeconds(10), 1024);
        assertThat(both.exitCode()).isEqualTo(7);
        assertThat(both.output()).contains("out\n").contains("err\n");
        assertThat(both.truncated()).isFalse();

        ExecResult cut = containers.exec(name, List.of("seq", "1", "10000"), Duration.ofSeconds(10), 100);
        assertThat(cut.output()).hasSize(100).startsWith("1\n2\n3\n");
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.exitCode()).isZero();

        ExecResult missing = containers.exec(name, List.of("no-such-program"), Duration.ofSeconds(10), 1024);
        assertThat(missing.exitCode()).isNotZero();

        assertThatThrownBy(() -> containers.exec(name, List.of("sleep", "30"), Duration.ofMillis(300), 100))
                .isInstanceOf(UnavailableException.class)
                .hasMessage("command [sleep, 30] in container " + name + " did not finish within 300 ms");
        assertThat(docker.engine().exec(name, List.of("echo", "via engine"), QUICK, 100).output())
                .isEqualTo("via engine\n");
    }

    @Test
    void listsFilteredByLabelNameAndStatusInPages() {
        String group = UUID.randomUUID().toString();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var spec = docker.container("list" + i, "sleep", "3600").label("io.orbitr.test.group", group).build();
            containers.create(spec);
            names.add(spec.name().orElseThrow());
        }
        containers.start(names.get(0));
        containers.start(names.get(1));
        ContainerQuery mine = ContainerQuery.all().withLabel("io.orbitr.test.group", group);

        Page<ContainerSummary> first = containers.list(mine, PageRequest.first(2));
        Page<ContainerSummary> second = containers.list(mine, first.nextRequest(2));
        Page<ContainerSummary> third = containers.list(mine, second.nextRequest(2));
        assertThat(first.total()).hasValue(5);
        assertThat(first.items()).hasSize(2);
        assertThat(first.hasNext()).isTrue();
        assertThat(third.items()).hasSize(1);
        assertThat(third.hasNext()).isFalse();
        List<String> listed = new ArrayList<>();
        for (var page : List.of(first, second, third)) {
            page.items().forEach(c -> listed.add(c.name()));
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(names).doesNotHaveDuplicates();
        // Newest first, as the engine lists them.
        assertThat(listed.get(0)).isEqualTo(names.get(4));

        assertThat(containers.list(ContainerQuery.running().withLabel("io.orbitr.test.group", group),
                PageRequest.first(10)).items()).extracting(ContainerSummary::name)
                .containsExactlyInAnyOrder(names.get(0), names.get(1));
        assertThat(containers.list(mine.withStatus(ContainerStatus.CREATED), PageRequest.first(10)).items())
                .extracting(ContainerSummary::name).containsExactlyInAnyOrder(names.get(2), names.get(3), names.get(4));
        assertThat(containers.list(mine.withNameContaining(names.get(3)), PageRequest.first(10)).items())
                .singleElement().satisfies(c -> {
                    assertThat(c.name()).isEqualTo(names.get(3));
                    assertThat(c.status()).isEqualTo(ContainerStatus.CREATED);
                    assertThat(c.image()).isEqualTo(docker.image());
                    assertThat(c.labels()).containsEntry("io.orbitr.test.group", group);
                });
        assertThat(containers.list(mine.withLabel("io.orbitr.test.group", "other"), PageRequest.first(10)).total())
                .hasValue(0);
    }

    @Test
    void aHealthCheckFlipsWithTheFileItChecks() {
        String name = docker.run(docker.container("flip", "sh", "-c", "touch /tmp/healthy; sleep 3600")
                .healthCheck(ContainerHealthCheck.shell("cat /tmp/healthy").every(Duration.ofMillis(200))
                        .timeout(Duration.ofSeconds(5)).retries(1))
                .build());

        docker.awaitContainer(name, d -> d.health().orElseThrow().status().name().equals("HEALTHY"), "is healthy");
        containers.exec(name, List.of("rm", "/tmp/healthy"), Duration.ofSeconds(10), 100);
        ContainerDetails unhealthy = docker.awaitContainer(name,
                d -> d.health().orElseThrow().status().name().equals("UNHEALTHY"), "is unhealthy");

        assertThat(unhealthy.health().orElseThrow().failingStreak()).isPositive();
        assertThat(unhealthy.health().orElseThrow().lastProbe().orElseThrow().output())
                .contains("/tmp/healthy");
        assertThat(unhealthy.health().orElseThrow().lastProbe().orElseThrow().exitCode()).isNotZero();
    }

    @Test
    void errorsSpeakTheUsersWords() {
        String missing = DockerFixture.PREFIX + "web-1-" + UUID.randomUUID();
        assertThatThrownBy(() -> containers.inspect(missing))
                .isInstanceOf(NotFoundException.class).hasMessage("no such container " + missing);
        assertThatThrownBy(() -> containers.start(missing))
                .isInstanceOf(NotFoundException.class).hasMessage("no such container " + missing);
        assertThatThrownBy(() -> containers.stop(missing, QUICK))
                .isInstanceOf(NotFoundException.class).hasMessage("no such container " + missing);
        assertThatThrownBy(() -> containers.remove(missing, true, false))
                .isInstanceOf(NotFoundException.class).hasMessage("no such container " + missing);
        assertThat(containers.find(missing)).isEmpty();

        var spec = docker.container("taken", "sleep", "1").build();
        containers.create(spec);
        assertThatThrownBy(() -> containers.create(spec))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("container name " + spec.name().orElseThrow() + " is already in use");

        String image = "orbitr-dm-missing/image:" + UUID.randomUUID().toString().substring(0, 8);
        assertThatThrownBy(() -> containers.create(ContainerSpec.builder(image).command("true").build()))
                .isInstanceOf(NotFoundException.class).hasMessage("no such image " + image);
    }

    @Test
    void aContainerJoinsEveryNetworkItNames() {
        String first = docker.name("net-a");
        String second = docker.name("net-b");
        docker.removeNetworkOnClose(first);
        docker.removeNetworkOnClose(second);
        docker.engine().networks().create(NetworkSpec.builder(first).build());
        docker.engine().networks().create(NetworkSpec.builder(second).build());

        String name = docker.run(docker.container("multi", "sleep", "3600").network(first).network(second).build());

        assertThat(containers.inspect(name).networks()).extracting(NetworkEndpoint::network)
                .containsExactlyInAnyOrder(first, second);
    }

    @Test
    void aContainerIsNotLeftHalfMadeWhenASecondNetworkIsMissing() {
        String network = docker.name("net-ok");
        docker.removeNetworkOnClose(network);
        docker.engine().networks().create(NetworkSpec.builder(network).build());
        String missing = docker.name("net-missing");
        var spec = docker.container("half", "sleep", "3600").network(network).network(missing).build();

        assertThatThrownBy(() -> containers.create(spec))
                .isInstanceOf(NotFoundException.class).hasMessage("no such network " + missing);
        assertThat(containers.find(spec.name().orElseThrow())).isEmpty();
    }
}
