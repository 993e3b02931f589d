package io.orbitr.docker.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.Orbitr;
import io.orbitr.docker.engine.DockerFixture;
import io.orbitr.engine.ContainerHealthCheck;
import io.orbitr.engine.ContainerRestartPolicy;
import io.orbitr.engine.ContainerStatus;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.testing.RealDocker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The docker check as the platform discovers and runs it, against containers in every state. */
@RealDocker
class DockerHealthCheckIT {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private DockerFixture docker;
    private Orbitr orbitr;

    @BeforeEach
    void start() {
        docker = new DockerFixture();
        orbitr = Orbitr.builder().inMemoryStore().build();
    }

    @AfterEach
    void stop() {
        orbitr.close();
        docker.close();
    }

    private HealthCheck check(String container) {
        return orbitr.healthCheck(CheckSpec.of("docker", "container", container));
    }

    private HealthResult awaitStatus(HealthCheck check, HealthStatus wanted) throws Exception {
        HealthResult[] last = new HealthResult[1];
        DockerFixture.await(BOUND, () -> {
            try {
                last[0] = check.check();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return last[0].status() == wanted;
        }, "the check reports " + wanted);
        return last[0];
    }

    @Test
    void theProviderIsDiscovered() {
        assertThat(orbitr.providers().infos()).anySatisfy(info -> {
            assertThat(info.id()).isEqualTo("docker");
            assertThat(info.className()).isEqualTo(DockerHealthCheckProvider.class.getName());
        });
    }

    @Test
    void runningWithoutAHealthCheckIsUpWithAHint() throws Exception {
        String name = docker.run(docker.container("plain", "sleep", "3600").build());

        HealthResult result = check(name).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.message()).isEqualTo("container " + name + " is running; " + ContainerVerdict.HINT);
        assertThat(result.details()).containsEntry("hint", ContainerVerdict.HINT).containsEntry("state", "running");
    }

    @Test
    void followsAHealthCheckThatFlips() throws Exception {
        String name = docker.run(docker.container("flip", "sh", "-c", "touch /tmp/healthy; sleep 3600")
                .healthCheck(ContainerHealthCheck.shell("cat /tmp/healthy").every(Duration.ofMillis(200))
                        .timeout(Duration.ofSeconds(5)).retries(2))
                .build());
        HealthCheck check = check(name);

        HealthResult healthy = awaitStatus(check, HealthStatus.UP);
        assertThat(healthy.message()).isEqualTo("container " + name + " is healthy");
        assertThat(healthy.details()).containsEntry("health", "healthy").containsEntry("failingStreak", 0);

        docker.engine().containers().exec(name, List.of("rm", "/tmp/healthy"), Duration.ofSeconds(10), 100);
        HealthResult unhealthy = awaitStatus(check, HealthStatus.DOWN);
        assertThat(unhealthy.message()).startsWith("container " + name + " is unhealthy after ")
                .contains("/tmp/healthy");
        assertThat(unhealthy.details()).containsEntry("health", "unhealthy");
        assertThat((Integer) unhealthy.details().get("failingStreak")).isGreaterThanOrEqualTo(2);
        assertThat((String) unhealthy.details().get("lastProbeOutput")).contains("/tmp/healthy");
        assertThat((Integer) unhealthy.details().get("lastProbeExitCode")).isNotZero();

        docker.engine().containers().exec(name, List.of("touch", "/tmp/healthy"), Duration.ofSeconds(10), 100);
        awaitStatus(check, HealthStatus.UP);
    }

    @Test
    void aHealthCheckThatHasNotRunYetIsPending() throws Exception {
        String name = docker.run(docker.container("starting", "sleep", "3600")
                .healthCheck(ContainerHealthCheck.shell("true").every(Duration.ofHours(1))).build());

        HealthResult result = check(name).check();

        assertThat(result.status()).isEqualTo(HealthStatus.PENDING);
        assertThat(result.details()).containsEntry("health", "starting");
    }

    @Test
    void pausedIsDown() throws Exception {
        String name = docker.run(docker.container("paused", "sleep", "3600")
                .healthCheck(ContainerHealthCheck.shell("true").every(Duration.ofMillis(200))).build());
        docker.engine().containers().pause(name);

        HealthResult result = check(name).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("container " + name + " is paused");
    }

    @Test
    void exitedIsDownWithItsExitCode() throws Exception {
        String name = docker.run(docker.container("crash", "sh", "-c", "exit 3").build());
        docker.awaitContainer(name, d -> d.status() == ContainerStatus.EXITED, "exits");

        HealthResult result = check(name).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("container " + name + " is exited (exit code 3)");
        assertThat(result.details()).containsEntry("exitCode", 3);
    }

    @Test
    void createdButNeverStartedIsDown() throws Exception {
        var spec = docker.container("created", "sleep", "3600").build();
        docker.engine().containers().create(spec);

        HealthResult result = check(spec.name().orElseThrow()).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("container " + spec.name().orElseThrow() + " is created");
    }

    @Test
    void restartingIsPending() throws Exception {
        String name = docker.run(docker.container("loop", "sh", "-c", "exit 1")
                .restartPolicy(ContainerRestartPolicy.always()).build());

        HealthResult result = awaitStatus(check(name), HealthStatus.PENDING);

        assertThat(result.message()).isEqualTo("container " + name + " is restarting (last exit code 1)");
    }

    @Test
    void aMissingContainerIsDown() throws Exception {
        String name = docker.name("missing");

        HealthResult result = check(name).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("no such container " + name);
    }

    @Test
    void worksWithoutThePlatformWhenGivenAnEngine() throws Exception {
        String name = docker.run(docker.container("standalone", "sleep", "3600").build());
        HealthCheck check = new DockerHealthCheckProvider(docker.engine())
                .create(CheckSpec.of("docker", "container", name));

        assertThat(check.check().status()).isEqualTo(HealthStatus.UP);
    }
}
