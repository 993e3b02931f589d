package io.orbitr.docker.stream;

import static io.orbitr.docker.stream.FixtureContainers.await;
import static io.orbitr.docker.stream.FixtureContainers.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.testing.BusyboxContainer;
import io.orbitr.NotFoundException;
import io.orbitr.stream.DownloadResult;
import io.orbitr.stream.LogDownload;
import io.orbitr.stream.LogFilter;
import io.orbitr.stream.LogOptions;
import io.orbitr.core.stream.PlatformStreamHub;
import io.orbitr.docker.engine.DockerEngineProvider;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineSettings;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogStream;
import io.orbitr.stream.StreamEvent;
import io.orbitr.testing.RealDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Container logs through the stream hub, against the real engine. */
@RealDocker
class ContainerLogStreamsIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private final FixtureContainers containers = new FixtureContainers();
    private final ContainerEngine engine = new DockerEngineProvider()
            .connect(EngineSettings.fromEnvironment(Optional.ofNullable(System.getenv("DOCKER_HOST"))));
    private final PlatformStreamHub hub = PlatformStreamHub.builder().engine(engine::streams).build();

    @TempDir
    Path directory;

    @AfterEach
    void cleanUp() {
        hub.close();
        engine.close();
        containers.close();
    }

    private static LogOptions fromStart() {
        return LogOptions.builder().fromStart().build();
    }

    private static List<String> numbers(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(String::valueOf).toList();
    }

    @Test
    void linesLongerThan64KibAndALastLineWithoutNewlineArriveWholeAndTheStoppedContainerCompletes() {
        String container = containers.run("head -c 70000 /dev/zero | tr '\\0' a; echo;"
                + " echo short; echo oops >&2; printf 'no newline at the end'");
        await(BOUND, "the container exits", () -> docker("inspect", "-f", "{{.State.Status}}", container)
                .equals("exited"));
        Lines lines = new Lines();

        hub.containerLogs(container, fromStart(), lines);

        await(BOUND, "the stream completes", lines::ended);
        // stdout and stderr are copied by separate engine threads: only the order within a stream is given.
        assertThat(lines.lines()).filteredOn(line -> line.stream() == LogStream.STDOUT)
                .extracting(line -> line.text().length() > 100 ? line.text().length() + " x " + line.text().charAt(0)
                        : line.text())
                .containsExactly("70000 x a", "short", "no newline at the end");
        assertThat(lines.lines()).filteredOn(line -> line.stream() == LogStream.STDERR).extracting(LogLine::text)
                .containsExactly("oops");
        assertThat(lines.lines()).extracting(LogLine::id).containsExactly(1L, 2L, 3L, 4L);
        assertThat(lines.completion()).get().asString().contains(container).contains("stopped (exit code 0)");
        assertThat(engine.recentLogs(container, 1)).extracting(LogLine::text).containsExactly("no newline at the end");
    }

    @Test
    void aTtyContainersRawOutputIsSplitIntoLines() {
        String container = containers.run(BusyboxContainer::withTty, "echo one; echo two >&2; head -c 20000 /dev/zero"
                + " | tr '\\0' b; echo; sleep 3600");
        Lines lines = new Lines();

        hub.containerLogs(container, fromStart(), lines);

        await(BOUND, "three lines", () -> lines.count() == 3);
        assertThat(lines.texts()).extracting(text -> text.length() > 100 ? text.length() + " x " + text.charAt(0) : text)
                .containsExactly("one", "two", "20000 x b");
        assertThat(lines.lines()).extracting(LogLine::stream).containsOnly(LogStream.STDOUT);
    }

    @Test
    void aHundredSubscribersOfOneContainerReceiveIdenticalSequencesFromOneEngineStream() {
        String container = containers.run("seq 1 3000; sleep 1; seq 3001 4000; sleep 3600");
        List<Lines> subscribers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Lines lines = new Lines();
            subscribers.add(lines);
            hub.containerLogs(container, fromStart(), lines);
        }

        await(BOUND, "every subscriber has 4000 lines", () -> subscribers.stream().allMatch(s -> s.count() == 4000));
        assertThat(hub.openStreams()).isEqualTo(1);
        List<LogLine> reference = subscribers.get(0).lines();
        assertThat(reference).extracting(LogLine::text).isEqualTo(numbers(1, 4000));
        assertThat(reference).extracting(LogLine::id)
                .isEqualTo(LongRange.of(1, 4000));
        for (Lines subscriber : subscribers) {
            assertThat(subscriber.lines()).isEqualTo(reference);
            assertThat(subscriber.events()).isEmpty();
        }
        subscribers.forEach(s -> s.subscription().cancel());
        await(BOUND, "the engine stream closes with the last subscriber", () -> hub.openStreams() == 0);
    }

    @Test
    void aStalledSubscriberDoesNotSlowTheOthersAndItsBacklogStaysBounded() throws Exception {
        String container = containers.run("sleep 1; seq 1 20000; sleep 3600");
        CountDownLatch release = new CountDownLatch(1);
        Lines stalled = new Lines() {
            @Override
            public void onNext(LogLine line) {
                super.onNext(line);
                try {
                    // Bounded: a test that never releases must not hold the hub\'s thread for ever.
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        hub.containerLogs(container, LogOptions.builder().fromStart().queueCapacity(100).build(), stalled);
        List<Lines> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Lines lines = new Lines();
            others.add(lines);
            hub.containerLogs(container, fromStart(), lines);
        }

        await(BOUND, "the others read all 20000 lines", () -> others.stream().allMatch(o -> o.count() == 20000));
        assertThat(stalled.count()).isEqualTo(1);
        release.countDown();
        await(BOUND, "the stalled subscriber reaches the last line",
                () -> stalled.count() > 1 && stalled.lines().get(stalled.count() - 1).text().equals("20000"));

        assertThat(stalled.events()).isNotEmpty().allMatch(event -> event.kind() == StreamEvent.Kind.LOST);
        long lost = stalled.events().stream().mapToLong(StreamEvent::count).sum();
        // Everything is accounted for: the line it was stuck on, the lines it lost, the window it kept.
        assertThat(stalled.count() - 1).isLessThanOrEqualTo(100);
        assertThat(1 + lost + (stalled.count() - 1)).isEqualTo(20000);
        for (Lines other : others) {
            assertThat(other.texts()).isEqualTo(numbers(1, 20000));
        }
    }

    @Test
    void aLateSubscriberGetsItsTailAndFiltersRunInTheHub() {
        String container = containers.run("for i in $(seq 1 50); do echo INFO $i; echo ERROR $i >&2; done;"
                + " sleep 3600");
        Lines first = new Lines();
        hub.containerLogs(container, fromStart(), first);
        await(BOUND, "100 lines", () -> first.count() == 100);

        Lines errors = new Lines();
        hub.containerLogs(container, LogOptions.builder().tail(3).filter(LogFilter.matching("ERROR 4")).build(), errors);
        Lines stdout = new Lines();
        hub.containerLogs(container, LogOptions.builder().tail(2)
                .filter(LogFilter.excluding("ERROR").onlyStream(LogStream.STDOUT)).build(), stdout);

        await(BOUND, "the late subscribers' tails", () -> errors.count() == 3 && stdout.count() == 2);
        assertThat(errors.texts()).containsExactly("ERROR 47", "ERROR 48", "ERROR 49");
        assertThat(stdout.texts()).containsExactly("INFO 49", "INFO 50");
        assertThat(hub.openStreams()).isEqualTo(1);
    }

    @Test
    void aRemovedContainersStreamEndsSayingSo() {
        String container = containers.run("echo hello; sleep 3600");
        Lines lines = new Lines();
        hub.containerLogs(container, fromStart(), lines);
        await(BOUND, "hello", () -> lines.count() == 1);

        docker("rm", "-f", container);

        await(BOUND, "the stream ends", lines::ended);
        assertThat(lines.error()).isEmpty();
        assertThat(lines.completion()).contains("container " + container + " was removed");
        assertThatThrownBy(() -> hub.containerLogs(container, fromStart(), new Lines()))
                .isInstanceOf(NotFoundException.class).hasMessage("no such container " + container);
    }

    @Test
    void downloadsTheFilteredLogBetweenTwoInstantsToAFile() throws Exception {
        String container = containers.run("echo before; sleep 1; echo 'GET /a'; echo 'GET /health';"
                + " echo 'GET /b'; sleep 1; echo after");
        await(BOUND, "the container exits", () -> docker("inspect", "-f", "{{.State.Status}}", container)
                .equals("exited"));
        List<LogLine> all = engine.recentLogs(container, 100);
        Instant from = all.get(1).timestamp();
        Instant to = all.get(3).timestamp();
        Path file = directory.resolve("web.log");

        DownloadResult result = hub.downloads().toFile(hub.containerLog("local", container), LogDownload.between(from, to)
                .withFilter(LogFilter.excluding("health")).withTimestamps(false), file);

        assertThat(Files.readString(file)).isEqualTo("GET /a\nGET /b\n");
        assertThat(result.lines()).isEqualTo(2);
        assertThat(result.bytes()).isEqualTo(Files.size(file));
    }

    @Test
    void aDownloadWithTimestampsIsByteIdenticalToDockerLogsT() throws Exception {
        // Many lines written fast: some engine times have trailing zeros that a trimmed format would drop.
        String container = containers.run("i=0; while [ $i -lt 300 ]; do echo line $i; i=$((i+1)); done");
        await(BOUND, "the container exits", () -> docker("inspect", "-f", "{{.State.Status}}", container)
                .equals("exited"));
        Path file = directory.resolve("all.log");

        hub.downloads().toFile(hub.containerLog("local", container), LogDownload.all(), file);

        String cli = docker("logs", "-t", container) + "\n";
        assertThat(Files.readString(file)).isEqualTo(cli);
        String timestamped = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z line \\d+";
        assertThat(Files.readString(file).lines()).hasSize(300)
                .allSatisfy(line -> assertThat(line).matches(timestamped));
    }

    /** Numbers as longs, for comparing ids. */
    private static final class LongRange {
        static List<Long> of(long from, long to) {
            List<Long> values = new ArrayList<>();
            for (long i = from; i <= to; i++) {
                values.add(i);
            }
            return values;
        }
    }
}
