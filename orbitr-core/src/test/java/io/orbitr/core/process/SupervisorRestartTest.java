package io.orbitr.core.process;

import io.orbitr.testing.Await;
import io.orbitr.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.NotFoundException;
import io.orbitr.process.ProcessEvent;
import io.orbitr.process.ProcessSpec;
import io.orbitr.process.ProcessState;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.RestartPolicy;
import io.orbitr.process.RestartPolicy.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The restart policy, backoff and failure window, with real (short-lived) processes and a manual scheduler and
 * clock: time moves only when the test says so, and restart delays are read off the scheduler, never slept.
 */
class SupervisorRestartTest {
    private static final Duration START_PERIOD = Duration.ofSeconds(1);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-11T16:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingListener listener = new RecordingListener();
    private LocalProcessSupervisor supervisor;

    @TempDir
    Path dir;

    @BeforeEach
    void build() {
        supervisor = LocalProcessSupervisor.builder().clock(clock).scheduler(scheduler).build();
        supervisor.addListener(listener);
    }

    @AfterEach
    void close() {
        supervisor.close();
    }

    private static RestartPolicy policy(Mode mode, int initialSeconds, int maxSeconds, int maxFailures,
            int windowSeconds) {
        return new RestartPolicy(mode, Duration.ofSeconds(initialSeconds), Duration.ofSeconds(maxSeconds),
                maxFailures, Duration.ofSeconds(windowSeconds));
    }

    private ProcessSpec exitWith(int code, RestartPolicy policy) {
        return TestPrograms.script("crash", "exit-with.sh", Integer.toString(code)).restartPolicy(policy)
                .startPeriod(START_PERIOD).build();
    }

    private ProcessStatus awaitState(String name, ProcessState state) {
        Await.until(name + " to be " + state, () -> supervisor.status(name).orElseThrow().state() == state,
                () -> supervisor.status(name));
        return supervisor.status(name).orElseThrow();
    }

    @Test
    void aCrashLoopBacksOffWithGrowingCappedDelaysThenFails() {
        supervisor.start(exitWith(3, policy(Mode.ON_FAILURE, 1, 3, 4, 60)));

        ProcessStatus status = awaitState("crash", ProcessState.BACKOFF);
        assertThat(status.exitCode()).hasValue(3);
        assertThat(status.message()).contains("exited with code 3", "failure 1 of 4", "restarting in PT1S");
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(1));

        scheduler.advance(Duration.ofSeconds(1));
        Await.until("second failure", () -> supervisor.status("crash").orElseThrow().message().contains("failure 2"),
                () -> supervisor.status("crash"));
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(2));

        scheduler.advance(Duration.ofSeconds(2));
        Await.until("third failure", () -> supervisor.status("crash").orElseThrow().message().contains("failure 3"),
                () -> supervisor.status("crash"));
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(3));

        scheduler.advance(Duration.ofSeconds(3));
        status = awaitState("crash", ProcessState.FAILED);
        assertThat(status.restarts()).isEqualTo(3);
        assertThat(status.pid()).isEmpty();
        assertThat(status.message()).contains("gave up after 4 failures within PT1M");
        assertThat(scheduler.pendingDelays()).isEmpty();
        Await.until("the last event", () -> listener.states("crash").contains(ProcessState.FAILED),
                () -> listener.events);
        assertThat(listener.states("crash")).containsExactly(ProcessState.STARTING, ProcessState.BACKOFF,
                ProcessState.STARTING, ProcessState.BACKOFF, ProcessState.STARTING, ProcessState.BACKOFF,
                ProcessState.STARTING, ProcessState.FAILED);
        ProcessEvent last = listener.events.get(listener.events.size() - 1);
        assertThat(last.previous()).isEqualTo(ProcessState.STARTING);
        assertThat(last.exitCode()).hasValue(3);
        assertThat(last.at()).isEqualTo(clock.instant());
        // Every run's output stays readable, in one stream with growing ids.
        assertThat(supervisor.tail("crash", 10)).extracting(line -> line.id() + " " + line.text())
                .containsExactly("1 exiting with 3", "2 exiting with 3", "3 exiting with 3", "4 exiting with 3");
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        supervisor.start(exitWith(3, policy(Mode.ON_FAILURE, 30, 30, 2, 10)));

        for (int run = 1; run <= 4; run++) {
            int restarts = run - 1;
            Await.until("run " + run + " to fail", () -> {
                ProcessStatus status = supervisor.status("crash").orElseThrow();
                return status.state() == ProcessState.BACKOFF && status.restarts() == restarts;
            }, () -> supervisor.status("crash"));
            // 30 s between failures, a 10 s window: the count never reaches 2.
            assertThat(supervisor.status("crash").orElseThrow().message()).contains("failure 1 of 2");
            scheduler.advance(Duration.ofSeconds(30));
        }
    }

    @Test
    void aStartThatSurvivesTheStartPeriodResetsTheFailureCount() throws IOException {
        Path trigger = dir.resolve("exit-now");
        supervisor.start(TestPrograms.script("flaky", "exit-on-trigger.sh", trigger.toString(), "3")
                .restartPolicy(policy(Mode.ON_FAILURE, 1, 60, 2, 600)).startPeriod(START_PERIOD).build());

        // Run 1 dies while starting: failure 1 of 2.
        awaitOutput("flaky", "waiting for");
        Files.createFile(trigger);
        assertThat(awaitState("flaky", ProcessState.BACKOFF).message()).contains("failure 1 of 2");

        // Run 2 survives its start period, then dies: the count started over, so this is failure 1 again.
        scheduler.advance(Duration.ofSeconds(1));
        awaitState("flaky", ProcessState.STARTING);
        scheduler.advance(START_PERIOD);
        assertThat(supervisor.status("flaky").orElseThrow().state()).isEqualTo(ProcessState.RUNNING);
        Files.createFile(trigger);
        ProcessStatus status = awaitState("flaky", ProcessState.BACKOFF);
        assertThat(status.message()).contains("exited with code 3", "failure 1 of 2");
        assertThat(status.message()).doesNotContain("start period");
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void stopDuringBackoffCancelsThePendingRestart() {
        supervisor.start(exitWith(1, policy(Mode.ALWAYS, 5, 5, 10, 60)));
        awaitState("crash", ProcessState.BACKOFF);
        assertThat(scheduler.pendingDelays()).hasSize(1);

        ProcessStatus stopped = supervisor.stop("crash");

        assertThat(stopped.state()).isEqualTo(ProcessState.STOPPED);
        assertThat(stopped.exitCode()).hasValue(1);
        assertThat(scheduler.pendingDelays()).isEmpty();
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(supervisor.status("crash").orElseThrow().state()).isEqualTo(ProcessState.STOPPED);
        assertThat(supervisor.status("crash").orElseThrow().restarts()).isZero();
    }

    @ParameterizedTest(name = "exit code {0} is recorded")
    @ValueSource(ints = {0, 1, 2, 101, 130, 143})
    void exitCodesAreRecorded(int code) {
        supervisor.start(exitWith(code, RestartPolicy.never()));

        ProcessStatus status = awaitState("crash", ProcessState.EXITED);

        assertThat(status.exitCode()).hasValue(code);
        assertThat(status.message()).contains("exited with code " + code);
    }

    @ParameterizedTest(name = "{0} after exit code {1} while {2} -> {3}")
    @CsvSource({
            "NEVER,      3, RUNNING,  EXITED",
            "NEVER,      0, STARTING, EXITED",
            "ON_FAILURE, 0, RUNNING,  EXITED",
            "ON_FAILURE, 0, STARTING, EXITED",
            "ON_FAILURE, 3, RUNNING,  BACKOFF",
            "ALWAYS,     0, RUNNING,  BACKOFF",
            "ALWAYS,     0, STARTING, BACKOFF",
    })
    void restartPolicies(Mode mode, int code, ProcessState exitingFrom, ProcessState expected) throws IOException {
        Path trigger = dir.resolve("exit-now");
        supervisor.start(TestPrograms.script("policy", "exit-on-trigger.sh", trigger.toString(),
                Integer.toString(code)).restartPolicy(policy(mode, 2, 8, 3, 60)).startPeriod(START_PERIOD).build());
        awaitOutput("policy", "waiting for");
        if (exitingFrom == ProcessState.RUNNING) {
            scheduler.advance(START_PERIOD);
            assertThat(supervisor.status("policy").orElseThrow().state()).isEqualTo(ProcessState.RUNNING);
        }

        Files.createFile(trigger);

        ProcessStatus status = awaitState("policy", expected);
        assertThat(status.exitCode()).hasValue(code);
        if (expected == ProcessState.BACKOFF) {
            assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(2));
            // A clean exit after a good run restarts without counting as a failure.
            boolean failure = code != 0 || exitingFrom == ProcessState.STARTING;
            assertThat(status.message().contains("failure 1 of 3")).isEqualTo(failure);
        } else {
            assertThat(scheduler.pendingDelays()).isEmpty();
        }
    }

    @Test
    void aProgramThatCannotStartBacksOffAndSaysWhy() {
        supervisor.start(ProcessSpec.builder("missing", "no-such-program-orbitr")
                .restartPolicy(policy(Mode.ON_FAILURE, 1, 1, 2, 60)).build());

        ProcessStatus status = supervisor.status("missing").orElseThrow();
        assertThat(status.state()).isEqualTo(ProcessState.BACKOFF);
        assertThat(status.message()).contains("cannot start: command no-such-program-orbitr not found on PATH");
        assertThat(status.exitCode()).isEmpty();

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(supervisor.status("missing").orElseThrow().state()).isEqualTo(ProcessState.FAILED);
    }

    @Test
    void aProgramThatCannotStartUnderNeverFailsAtOnce() {
        ProcessStatus status = supervisor.start(ProcessSpec.builder("missing", "./not-here.sh")
                .workingDirectory(dir).restartPolicy(RestartPolicy.never()).build());

        assertThat(status.state()).isEqualTo(ProcessState.FAILED);
        assertThat(status.message()).contains("cannot start: command ./not-here.sh not found");
    }

    @Test
    void aRunningProcessCannotBeStartedTwiceButCanBeRestarted() {
        Path trigger = dir.resolve("never");
        ProcessSpec spec = TestPrograms.script("twice", "exit-on-trigger.sh", trigger.toString(), "0")
                .startPeriod(START_PERIOD).build();
        supervisor.start(spec);

        assertThatThrownBy(() -> supervisor.start(spec)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("process twice is already starting (pid ");

        long firstPid = supervisor.status("twice").orElseThrow().pid().orElseThrow();
        ProcessStatus restarted = supervisor.restart("twice");
        assertThat(restarted.state()).isEqualTo(ProcessState.STARTING);
        assertThat(restarted.restarts()).isEqualTo(1);
        assertThat(restarted.pid()).isPresent();
        assertThat(restarted.pid().getAsLong()).isNotEqualTo(firstPid);
        assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void unknownNamesAreReported() {
        assertThatThrownBy(() -> supervisor.stop("ghost")).isInstanceOf(NotFoundException.class)
                .hasMessage("no such process ghost");
        assertThatThrownBy(() -> supervisor.tail("ghost", 1)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> supervisor.follow("ghost", 0, new RecordingSubscriber()))
                .isInstanceOf(NotFoundException.class);
        assertThat(supervisor.status("ghost")).isEmpty();
        supervisor.remove("ghost");
    }

    @Test
    void startAfterCloseIsRefused() {
        supervisor.close();

        assertThatThrownBy(() -> supervisor.start(exitWith(0, RestartPolicy.never())))
                .isInstanceOf(ConflictException.class).hasMessageContaining("closed");
    }

    private void awaitOutput(String name, String text) {
        Await.until(name + " to print " + text,
                () -> supervisor.tail(name, 100).stream().anyMatch(line -> line.text().contains(text)),
                () -> supervisor.tail(name, 100));
    }
}
