package io.orbitr.core.health;

import static io.orbitr.health.HealthStatus.DOWN;
import static io.orbitr.health.HealthStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.orbitr.core.health.check.FakeSupervisor;
import io.orbitr.health.HealthResult;
import io.orbitr.health.Remediation;
import io.orbitr.NotFoundException;
import io.orbitr.UnavailableException;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerState;
import io.orbitr.engine.ContainerStatus;
import io.orbitr.engine.Engines;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthTarget;
import io.orbitr.notify.Notification;
import io.orbitr.process.ProcessState;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RemediationTest {
    private final MonitorFixture fixture = new MonitorFixture();
    private final FakeSupervisor supervisor = new FakeSupervisor();
    private final ContainerEngine engine = mock(ContainerEngine.class, RETURNS_DEEP_STUBS);

    @AfterEach
    void close() {
        fixture.close();
    }

    private PlatformHealthMonitor monitorWith(Remediation remediation) {
        fixture.supervisor = Optional.of(supervisor);
        fixture.engine = Optional.of(engine);
        fixture.scripted("a").always(DOWN);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10)).remediation(remediation).build());
        return monitor;
    }

    @Test
    void aProcessIsRestartedOnlyAfterNConsecutiveDownChecks() {
        supervisor.set("miner", ProcessState.RUNNING, ProcessHandle.current().pid());
        PlatformHealthMonitor monitor = monitorWith(Remediation.restartProcess("miner").afterDownChecks(3));

        fixture.advance(Duration.ofSeconds(15));
        assertThat(supervisor.restarted).isEmpty();
        fixture.advance(Duration.ofSeconds(10));
        assertThat(supervisor.restarted).containsExactly("miner");
        monitor.flush();
        Notification restarted = fixture.sink.received.get(fixture.sink.received.size() - 1);
        assertThat(restarted.message()).isEqualTo("a: restarted process 'miner' after 3 DOWN checks (restart 1 of at"
                + " most 3 within 1 h)");
        assertThat(restarted.from()).isEqualTo(DOWN);
        assertThat(restarted.to()).isEqualTo(DOWN);
    }

    @Test
    void restartsAreCappedPerWindowWithAGrowingDelay() {
        supervisor.set("miner", ProcessState.RUNNING, ProcessHandle.current().pid());
        PlatformHealthMonitor monitor = monitorWith(Remediation.restartProcess("miner").afterDownChecks(1)
                .maxRestarts(3, Duration.ofMinutes(10)).delays(Duration.ofSeconds(30), Duration.ofMinutes(5)));

        // DOWN checks every 10 s: restart at t0, the next after >= 30 s (t30), the next after >= 60 s (t90), then
        // the cap of 3 per 10 minutes holds until t600 frees the first.
        fixture.advance(Duration.ofSeconds(95));
        assertThat(supervisor.restarted).hasSize(3);
        fixture.advance(Duration.ofSeconds(400));
        assertThat(supervisor.restarted).hasSize(3);
        monitor.flush();
        assertThat(fixture.sink.received).filteredOn(n -> n.message().contains("remediation paused")).hasSize(1);
        assertThat(fixture.sink.received).filteredOn(n -> n.message().contains("remediation paused")).first()
                .extracting(Notification::message).asString().contains("3 restarts of process 'miner' within 10 min");

        fixture.advance(Duration.ofSeconds(110));
        assertThat(supervisor.restarted).hasSize(4);
    }

    @Test
    void theStartPeriodBeginsAgainAfterARestart() {
        supervisor.set("miner", ProcessState.RUNNING, ProcessHandle.current().pid());
        fixture.supervisor = Optional.of(supervisor);
        fixture.scripted("a").always(DOWN);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10)).startPeriod(Duration.ofSeconds(25))
                .remediation(Remediation.restartProcess("miner").afterDownChecks(1)).build());
        fixture.advance(Duration.ofSeconds(35));
        assertThat(supervisor.restarted).hasSize(1);
        // Restarted at t30: failures at t40 and t50 fall in the new start period.
        fixture.advance(Duration.ofSeconds(20));
        assertThat(monitor.status("a").status()).isEqualTo(io.orbitr.health.HealthStatus.PENDING);
        assertThat(supervisor.restarted).hasSize(1);
    }

    @Test
    void aProcessStoppedOnPurposeOrAlreadyRestartingIsLeftAlone() {
        supervisor.set("miner", ProcessState.STOPPED, 0);
        monitorWith(Remediation.restartProcess("miner").afterDownChecks(1));
        fixture.advance(Duration.ofSeconds(30));
        assertThat(supervisor.restarted).isEmpty();

        supervisor.set("miner", ProcessState.BACKOFF, 0);
        fixture.advance(Duration.ofSeconds(30));
        assertThat(supervisor.restarted).isEmpty();

        supervisor.set("miner", ProcessState.EXITED, 0);
        fixture.advance(Duration.ofSeconds(10));
        assertThat(supervisor.restarted).containsExactly("miner");
    }

    @Test
    void aRunningContainerThatFailsIsRestarted() {
        webRuns(true);
        monitorWith(Remediation.restartContainer("web").afterDownChecks(2));
        fixture.advance(Duration.ofSeconds(15));
        verify(engine, timeout(10_000)).restart("web", Duration.ofSeconds(10));
    }

    @Test
    void aRestartTheEngineRefusesIsReportedAndCountsAgainstTheCap() {
        webRuns(true);
        doThrow(new UnavailableException("engine unreachable: connection refused"))
                .when(engine).restart(anyString(), any(Duration.class));
        PlatformHealthMonitor monitor = monitorWith(Remediation.restartContainer("web").afterDownChecks(1)
                .maxRestarts(3, Duration.ofMinutes(10)).delays(Duration.ofSeconds(30), Duration.ofMinutes(5)));
        fixture.advance(Duration.ofSeconds(15));
        verify(engine, timeout(10_000)).restart("web", Duration.ofSeconds(10));
        monitor.flush();
        assertThat(fixture.sink.received).extracting(Notification::message)
                .contains("a: restarting container 'web' failed: engine unreachable: connection refused");
        // The failure counts as a restart: the next try waits for the 30 s delay, not the next DOWN check.
        fixture.advance(Duration.ofSeconds(10));
        verify(engine, timeout(10_000).times(1)).restart(anyString(), any(Duration.class));
    }

    @Test
    void aStoppedContainerIsLeftToDockersRestartPolicy() {
        webRuns(false);
        monitorWith(Remediation.restartContainer("web").afterDownChecks(1));
        fixture.advance(Duration.ofSeconds(30));
        verify(engine, never()).restart(anyString(), any(Duration.class));
    }

    @Test
    void aContainerReportedNotRunningByItsCheckIsNeverRestarted() {
        fixture.engine = Optional.of(engine);
        fixture.scripted("a").always(HealthResult.down("container exited (0)").withDetail("state", "exited"));
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10))
                .remediation(Remediation.restartContainer("web").afterDownChecks(1)).build());
        fixture.advance(Duration.ofSeconds(30));
        verifyNoInteractions(engine);
    }

    @Test
    void aContainerIsRestartedOnTheEngineItsTargetsCheckNames() {
        ContainerEngine edge = mock(ContainerEngine.class, RETURNS_DEEP_STUBS);
        Engines engines = mock(Engines.class);
        when(engines.get("edge")).thenReturn(edge);
        webRuns(edge, true);
        fixture.engine = Optional.of(engine);
        fixture.engines = Optional.of(engines);
        fixture.scripted("a").always(DOWN);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(HealthTarget.builder("a", CheckSpec.of("scripted", "name", "a", "engine", "edge"))
                .interval(Duration.ofSeconds(10)).remediation(Remediation.restartContainer("web").afterDownChecks(1))
                .build());
        fixture.advance(Duration.ofSeconds(15));
        verify(edge, timeout(10_000)).restart("web", Duration.ofSeconds(10));
        verifyNoInteractions(engine);
        monitor.flush();
        assertThat(fixture.sink.received).extracting(Notification::message)
                .anySatisfy(m -> assertThat(m).startsWith("a: restarted container 'web' on engine 'edge' after 1"));
    }

    @Test
    void anEndpointThatIsGoneFailsTheRestartNamingIt() {
        Engines engines = mock(Engines.class);
        when(engines.get("edge")).thenThrow(new NotFoundException("engine endpoint", "edge"));
        fixture.engine = Optional.of(engine);
        fixture.engines = Optional.of(engines);
        fixture.scripted("a").always(DOWN);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(HealthTarget.builder("a", CheckSpec.of("scripted", "name", "a", "engine", "edge"))
                .interval(Duration.ofSeconds(10)).remediation(Remediation.restartContainer("web").afterDownChecks(1))
                .build());
        fixture.advance(Duration.ofSeconds(15));
        monitor.flush();
        assertThat(fixture.sink.received).extracting(Notification::message)
                .contains("a: restarting container 'web' on engine 'edge' failed: no such engine endpoint edge");
        verifyNoInteractions(engine);
    }

    /** The engine's view of container web: running, or exited. */
    private void webRuns(boolean running) {
        webRuns(engine, running);
    }

    private static void webRuns(ContainerEngine on, boolean running) {
        ContainerState state = mock(ContainerState.class);
        when(state.running()).thenReturn(running);
        when(state.status()).thenReturn(running ? ContainerStatus.RUNNING : ContainerStatus.EXITED);
        when(on.containers().inspect("web").state()).thenReturn(state);
    }

    @Test
    void remediationIsOffByDefault() {
        supervisor.set("miner", ProcessState.RUNNING, ProcessHandle.current().pid());
        fixture.supervisor = Optional.of(supervisor);
        fixture.scripted("a").always(DOWN);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10)).build());
        fixture.advance(Duration.ofMinutes(10));
        assertThat(supervisor.restarted).isEmpty();
        assertThat(monitor.status("a").status()).isEqualTo(DOWN);
    }

    @Test
    void aRecoveryResetsTheStreak() {
        supervisor.set("miner", ProcessState.RUNNING, ProcessHandle.current().pid());
        fixture.supervisor = Optional.of(supervisor);
        fixture.scripted("a").then(DOWN, DOWN, UP, DOWN, DOWN, UP);
        PlatformHealthMonitor monitor = fixture.start();
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10))
                .remediation(Remediation.restartProcess("miner").afterDownChecks(3)).build());
        fixture.advance(Duration.ofSeconds(60));
        assertThat(supervisor.restarted).isEmpty();
    }
}
