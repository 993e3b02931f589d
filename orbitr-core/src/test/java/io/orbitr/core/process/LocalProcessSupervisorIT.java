package io.orbitr.core.process;

import io.orbitr.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.process.LogRotation;
import io.orbitr.process.ProcessEvent;
import io.orbitr.process.ProcessSpec;
import io.orbitr.process.ProcessSpec.StopSignal;
import io.orbitr.process.ProcessState;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.RestartPolicy;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogStream;
import io.orbitr.stream.StreamEvent;
import io.orbitr.testing.Preconditions;
import io.orbitr.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The supervisor against real processes that behave like the programs it meets, with the real clock. */
class LocalProcessSupervisorIT {
    private final RecordingListener listener = new RecordingListener();
    private final LocalProcessSupervisor supervisor = LocalProcessSupervisor.builder().followerQueueLines(1000).build();

    @TempDir
    Path dir;

    {
        supervisor.addListener(listener);
    }

    @AfterEach
    void close() {
        supervisor.close();
    }

    @Test
    void aWellBehavedProcessShutsDownCleanlyOnSigint() throws IOException {
        Path logFile = dir.resolve("logs/jdc.log");
        ProcessStatus started = supervisor.start(TestPrograms.script("jdc", "well-behaved.sh")
                .environment("ORBITR_TEST", "hello").workingDirectory(dir).stopSignal(StopSignal.INT)
                .gracePeriod(Duration.ofSeconds(10)).startPeriod(Duration.ofMillis(200)).logFile(logFile).build());
        awaitLine("jdc", "ready");
        Await.until("RUNNING", () -> state("jdc") == ProcessState.RUNNING, () -> supervisor.status("jdc"));

        assertThat(started.state()).isEqualTo(ProcessState.STARTING);
        long pid = started.pid().orElseThrow();
        assertThat(texts("jdc")).contains("pid " + pid, "cwd " + dir.toRealPath(), "ORBITR_TEST=hello");
        assertThat(supervisor.tail("jdc", 100)).filteredOn(line -> line.stream() == LogStream.STDERR)
                .extracting(LogLine::text).containsExactly("warning on stderr");
        Set<ProcessHandle> tree = descendants(pid);
        assertThat(tree).isNotEmpty();

        ProcessStatus stopped = supervisor.stop("jdc");

        assertThat(stopped.state()).isEqualTo(ProcessState.STOPPED);
        assertThat(stopped.exitCode()).hasValue(0);
        assertThat(stopped.pid()).isEmpty();
        assertThat(stopped.message()).startsWith("stopped by SIGINT");
        assertThat(texts("jdc")).endsWith("JD Client shutdown complete.");
        assertGone(tree);
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(Files.readAllLines(logFile)).contains("ready", "warning on stderr", "JD Client shutdown complete.");
        Await.until("STOPPED event", () -> listener.states("jdc").contains(ProcessState.STOPPED), () -> listener.events);
        assertThat(listener.states("jdc")).containsExactly(ProcessState.STARTING, ProcessState.RUNNING,
                ProcessState.STOPPING, ProcessState.STOPPED);
        ProcessEvent last = listener.events.get(listener.events.size() - 1);
        assertThat(last.exitCode()).hasValue(0);
    }

    @ParameterizedTest(name = "SIG{0} ignored: killed after the grace period")
    @EnumSource(value = StopSignal.class, names = {"INT", "TERM"})
    void aProcessThatIgnoresTheStopSignalIsKilledAfterTheGracePeriod(StopSignal signal) {
        supervisor.start(TestPrograms.script("stubborn", "stubborn.sh").stopSignal(signal)
                .gracePeriod(Duration.ofMillis(500)).startPeriod(Duration.ZERO).build());
        awaitLine("stubborn", "ready");
        long pid = supervisor.status("stubborn").orElseThrow().pid().orElseThrow();
        Set<ProcessHandle> tree = descendants(pid);

        ProcessStatus stopped = supervisor.stop("stubborn");

        assertThat(stopped.state()).isEqualTo(ProcessState.STOPPED);
        assertThat(stopped.exitCode()).hasValue(128 + 9);
        assertThat(stopped.message()).startsWith("killed after the grace period of PT0.5S");
        assertThat(texts("stubborn")).contains("ignored SIG" + signal.name());
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertGone(tree);
    }

    @Test
    void stoppingAForkingProcessKillsItsWholeTree() {
        supervisor.start(TestPrograms.script("forker", "forker.sh").stopSignal(StopSignal.TERM)
                .gracePeriod(Duration.ofSeconds(2)).build());
        awaitLine("forker", "ready");
        Await.until("3 children and 2 grandchildren", () -> printedPids("forker").size() == 5, () -> texts("forker"));
        long pid = supervisor.status("forker").orElseThrow().pid().orElseThrow();
        Set<Long> printed = printedPids("forker");
        Set<ProcessHandle> tree = descendants(pid);
        assertThat(tree.stream().map(ProcessHandle::pid).collect(Collectors.toSet())).containsAll(printed);

        ProcessStatus stopped = supervisor.stop("forker");

        assertThat(stopped.state()).isEqualTo(ProcessState.STOPPED);
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertGone(tree);
        printed.forEach(child -> assertThat(ProcessHandle.of(child).filter(ProcessTree::isRunning))
                .as("pid %d", child).isEmpty());
    }

    @Test
    void whatAProcessLeavesBehindWhenItExitsIsKilledToo() {
        Preconditions.require(Files.isExecutable(Path.of("/usr/bin/setsid"))
                || Files.isExecutable(Path.of("/bin/setsid")),
                "setsid, without which processes get no group of their own");
        supervisor.start(TestPrograms.script("orphaner", "orphaner.sh").restartPolicy(RestartPolicy.never())
                .build());

        ProcessStatus exited = awaitState("orphaner", ProcessState.EXITED);

        assertThat(exited.exitCode()).hasValue(3);
        Set<Long> printed = printedPids("orphaner");
        // The grandchild's parent exited before the script did: only its process group still ties it to us.
        assertThat(printed).hasSize(2);
        printed.forEach(child -> assertThat(ProcessHandle.of(child).filter(ProcessTree::isRunning))
                .as("pid %d", child).isEmpty());
    }

    @Test
    void aFloodOfOutputIsAllAccountedFor() throws IOException, InterruptedException {
        int outLines = 100_000;
        int errLines = 1_000;
        int total = outLines + errLines;
        Path logFile = dir.resolve("flood.log");
        Path go = dir.resolve("go");
        supervisor.start(TestPrograms.script("flood", "flood.sh", Integer.toString(outLines),
                Integer.toString(errLines), go.toString()).restartPolicy(RestartPolicy.never())
                .logBufferLines(10_000).logFile(logFile).logRotation(new LogRotation(128 * 1024, 20)).build());
        CountDownLatch release = new CountDownLatch(1);
        RecordingSubscriber stuck = new RecordingSubscriber() {
            @Override
            public void onNext(LogLine item) {
                super.onNext(item);
                awaitQuietly(release);
            }
        };
        RecordingSubscriber fast = new RecordingSubscriber();
        supervisor.follow("flood", 0, stuck);
        supervisor.follow("flood", 0, fast);

        Files.createFile(go);
        ProcessStatus exited = awaitState("flood", ProcessState.EXITED);
        release.countDown();

        assertThat(exited.exitCode()).hasValue(0);
        // The ring holds the newest 10,000 lines, ids contiguous up to the last line printed.
        List<LogLine> ring = supervisor.tail("flood", 20_000);
        assertThat(ring).hasSize(10_000);
        assertThat(ring.get(ring.size() - 1).id()).isEqualTo(total);
        for (int i = 1; i < ring.size(); i++) {
            assertThat(ring.get(i).id()).isEqualTo(ring.get(i - 1).id() + 1);
        }
        assertInOrder(ring.stream().map(LogLine::text).toList(), "out ", false);

        // The log file and its rotated parts hold every line, each stream in order.
        List<String> logged = new ArrayList<>();
        for (int part = 20; part >= 1; part--) {
            Path rotated = logFile.resolveSibling("flood.log." + part);
            if (Files.exists(rotated)) {
                assertThat(Files.size(rotated)).isLessThanOrEqualTo(128 * 1024);
                logged.addAll(Files.readAllLines(rotated));
            }
        }
        logged.addAll(Files.readAllLines(logFile));
        // 996,788 bytes in files of at most 128 KiB: the active file and 7 rotated ones.
        assertThat(logFile.resolveSibling("flood.log.7")).exists();
        assertThat(logFile.resolveSibling("flood.log.8")).doesNotExist();
        assertThat(logged).hasSize(total);
        assertInOrder(logged, "out ", true);
        assertInOrder(logged, "err ", true);

        // A follower stuck on its first line lost all but a full queue, and was told so; the reader never waited
        // for it. Every line is accounted for by every follower: received, or counted as lost.
        Await.until("the stuck follower drained", () -> stuck.lines.size() + stuck.lost.get() == total,
                () -> stuck.lines.size() + " + " + stuck.lost.get());
        // It kept its full queue of 1,000, plus the line it was stuck on if its delivery had begun by then.
        assertThat(stuck.lines.size()).isIn(1000, 1001);
        assertThat(stuck.events).isNotEmpty().allMatch(event -> event.kind() == StreamEvent.Kind.LOST);
        Await.until("the fast follower drained", () -> fast.lines.size() + fast.lost.get() == total,
                () -> fast.lines.size() + " + " + fast.lost.get());
        assertThat(fast.lines).extracting(LogLine::id).isSorted().endsWith((long) total);
    }

    @Test
    void closeStopsEveryProcessInParallel() {
        for (int i = 1; i <= 3; i++) {
            supervisor.start(TestPrograms.script("stubborn-" + i, "stubborn.sh").gracePeriod(Duration.ofSeconds(1))
                    .startPeriod(Duration.ZERO).build());
        }
        supervisor.start(TestPrograms.script("jdc", "well-behaved.sh").stopSignal(StopSignal.INT)
                .startPeriod(Duration.ZERO).build());
        List<String> names = List.of("jdc", "stubborn-1", "stubborn-2", "stubborn-3");
        names.forEach(name -> awaitLine(name, "ready"));
        Set<ProcessHandle> all = new HashSet<>();
        names.forEach(name -> {
            long pid = supervisor.status(name).orElseThrow().pid().orElseThrow();
            all.add(ProcessHandle.of(pid).orElseThrow());
            all.addAll(descendants(pid));
        });

        supervisor.close();

        assertGone(all);
        assertThat(supervisor.list()).extracting(ProcessStatus::state).containsOnly(ProcessState.STOPPED);
        assertThat(supervisor.status("jdc").orElseThrow().exitCode()).hasValue(0);
        assertThat(supervisor.status("stubborn-1").orElseThrow().exitCode()).hasValue(137);
        // In parallel: each stubborn process waits out its whole grace period, yet all three were STOPPING before
        // the first of them was STOPPED.
        List<ProcessState> order = listener.events.stream().filter(event -> event.name().startsWith("stubborn"))
                .map(ProcessEvent::state)
                .filter(state -> state == ProcessState.STOPPING || state == ProcessState.STOPPED).toList();
        assertThat(order).containsExactly(ProcessState.STOPPING, ProcessState.STOPPING, ProcessState.STOPPING,
                ProcessState.STOPPED, ProcessState.STOPPED, ProcessState.STOPPED);
    }

    @Test
    void aFollowerSeesEveryRunUntilTheProcessIsRemoved() {
        supervisor.start(TestPrograms.script("looper", "exit-with.sh", "0").startPeriod(Duration.ZERO)
                .restartPolicy(new RestartPolicy(RestartPolicy.Mode.ALWAYS, Duration.ofMillis(50),
                        Duration.ofMillis(50), 3, Duration.ofMinutes(1))).build());
        RecordingSubscriber follower = new RecordingSubscriber();
        supervisor.follow("looper", 10, follower);

        Await.until("three runs", () -> follower.lines.size() >= 3, follower::texts);
        supervisor.remove("looper");

        Await.until("completion", () -> follower.completed.get() != null, follower.completed::get);
        assertThat(follower.completed.get()).isEqualTo("looper was removed");
        assertThat(follower.texts()).allMatch("exiting with 0"::equals);
        assertThat(follower.lines).extracting(LogLine::id).isSorted().doesNotHaveDuplicates();
        assertThat(supervisor.status("looper")).isEmpty();
        assertThat(listener.states("looper")).doesNotContain(ProcessState.FAILED);
    }

    @Test
    void programsStartWithEverySignalAtItsDefaultEvenWhenTheHostIgnoresSome() {
        Preconditions.require(Files.exists(Path.of("/proc/self/status")), "/proc, to read a process's signal masks");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A host started with nohup ignores SIGHUP, a script's background job SIGINT; children inherit that.
        Shell.Result result = Shell.run(Duration.ofSeconds(60), List.of("/bin/sh", "-c",
                "trap '' INT HUP; exec \"$0\" -cp \"$1\" " + SignalProbe.class.getName(), java,
                System.getProperty("java.class.path")));

        assertThat(result.ok()).as(result.output()).isTrue();
        String mask = result.output().lines().filter(line -> line.startsWith("SigIgn:")).findFirst().orElseThrow()
                .substring("SigIgn:".length()).trim();
        // Signals 1 to 31 (bit n-1 for signal n); 32 and up are the C library's own and stay as they are.
        assertThat(Long.parseLong(mask, 16) & 0x7FFF_FFFFL).as("ignored standard signals, mask " + mask).isZero();
    }

    @Test
    void sinceReturnsTheLinesReadFromAnInstantOn() {
        supervisor.start(TestPrograms.script("once", "exit-with.sh", "0").restartPolicy(RestartPolicy.never())
                .build());
        awaitState("once", ProcessState.EXITED);
        LogLine line = supervisor.tail("once", 1).get(0);

        assertThat(supervisor.since("once", line.timestamp())).containsExactly(line);
        assertThat(supervisor.since("once", line.timestamp().plusMillis(1))).isEmpty();
    }

    private ProcessState state(String name) {
        return supervisor.status(name).orElseThrow().state();
    }

    private ProcessStatus awaitState(String name, ProcessState state) {
        Await.until(name + " to be " + state, () -> state(name) == state, () -> supervisor.status(name));
        return supervisor.status(name).orElseThrow();
    }

    private void awaitLine(String name, String text) {
        Await.until(name + " to print " + text, () -> texts(name).contains(text), () -> texts(name));
    }

    private List<String> texts(String name) {
        return supervisor.tail(name, 1000).stream().map(LogLine::text).toList();
    }

    private Set<Long> printedPids(String name) {
        return texts(name).stream().filter(text -> text.matches("(grand)?child \\d+"))
                .map(text -> Long.parseLong(text.substring(text.indexOf(' ') + 1))).collect(Collectors.toSet());
    }

    private static Set<ProcessHandle> descendants(long pid) {
        return ProcessHandle.of(pid).orElseThrow().descendants().collect(Collectors.toSet());
    }

    /** Gone means not running: a killed grandchild adopted by init may linger as a zombie until init reaps it. */
    private static void assertGone(Set<ProcessHandle> processes) {
        assertThat(processes.stream().filter(ProcessTree::isRunning).map(ProcessHandle::pid).toList())
                .as("processes still alive").isEmpty();
    }

    /** Checks that the lines with that prefix count 1, 2, 3... with no gap, from 1 when {@code fromOne}. */
    private static void assertInOrder(List<String> lines, String prefix, boolean fromOne) {
        List<Long> numbers = lines.stream().filter(text -> text.startsWith(prefix))
                .map(text -> Long.parseLong(text.substring(prefix.length()))).toList();
        assertThat(numbers).isNotEmpty();
        if (fromOne) {
            assertThat(numbers.get(0)).isEqualTo(1);
        }
        for (int i = 1; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).as("%s line after %d", prefix, numbers.get(i - 1))
                    .isEqualTo(numbers.get(i - 1) + 1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
