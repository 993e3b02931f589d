package io.orbitr.core.stream;

import io.orbitr.stream.LogFilter;
import io.orbitr.stream.LogOptions;
import static io.orbitr.core.stream.FakeLogSource.at;
import static io.orbitr.core.stream.FakeLogSource.errorLine;
import static io.orbitr.core.stream.FakeLogSource.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import io.orbitr.engine.EngineStreams;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogSource;
import io.orbitr.stream.LogStream;
import io.orbitr.stream.SourceEnd;
import io.orbitr.stream.StatsSource;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamHubTest {
    private final ManualExecutor delivery = new ManualExecutor();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final PlatformStreamHub hub = hub(16, 10_000, Backoff.DEFAULT);
    private final FakeLogSource source = new FakeLogSource("web");

    @AfterEach
    void closeHub() {
        hub.close();
    }

    private PlatformStreamHub hub(int replayLines, int resumeTail, Backoff backoff) {
        return PlatformStreamHub.builder().delivery(delivery).scheduler(scheduler)
                .clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).random(() -> 0.5).backoff(backoff)
                .replayLines(replayLines).resumeTail(resumeTail).wakeInterval(Duration.ZERO).build();
    }

    private static LogOptions tail(int lines) {
        return LogOptions.builder().tail(lines).build();
    }

    @Test
    void readsTheHistoryOnceThenFollowsFromItsLastLine() {
        Recorder<LogLine> first = new Recorder<>();
        hub.logs(source, tail(2), first);

        FakeLogSource.Opening history = source.last();
        assertThat(history.query.follow()).isFalse();
        assertThat(history.query.tail()).hasValue(16);
        history.emit(line(1, "a"), line(2, "b"), line(3, "c")).finish();

        FakeLogSource.Opening live = source.last();
        assertThat(live.query.follow()).isTrue();
        assertThat(live.query.since()).contains(at(2));
        live.emit(line(2, "b"), line(3, "c"), line(4, "d"));
        delivery.runAll();

        assertThat(first.texts()).containsExactly("b", "c", "d");
        assertThat(first.items()).extracting(LogLine::id).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aLateSubscriberStartsWithItsTailFromTheReplayBufferAndSharesTheSourceStream() {
        hub.logs(source, tail(2), new Recorder<>());
        source.last().emit(line(1, "a"), line(2, "b"), line(3, "c")).finish();
        source.last().emit(line(4, "d"));

        Recorder<LogLine> late = new Recorder<>();
        hub.logs(source, tail(3), late);
        source.last().emit(line(5, "e"));
        delivery.runAll();

        assertThat(source.openings()).hasSize(2);
        assertThat(hub.openStreams()).isEqualTo(1);
        assertThat(late.texts()).containsExactly("b", "c", "d", "e");
    }

    @Test
    void aSubscriberAskingForTheWholeLogReadsAlongFromTheFirstLine() {
        Recorder<LogLine> all = new Recorder<>();
        hub.logs(source, LogOptions.builder().fromStart().build(), all);
        Recorder<LogLine> second = new Recorder<>();
        hub.logs(source, LogOptions.builder().fromStart().build(), second);

        assertThat(source.last().query.tail()).isEmpty();
        source.last().emit(line(1, "a"), line(2, "b")).emit(line(3, "c")).finish();
        delivery.runAll();

        assertThat(all.texts()).containsExactly("a", "b", "c");
        assertThat(second.texts()).containsExactly("a", "b", "c");
    }

    @Test
    void filtersRunInTheHubAndTheTailCountsMatchingLines() {
        Recorder<LogLine> errors = new Recorder<>();
        Recorder<LogLine> notErrors = new Recorder<>();
        Recorder<LogLine> stderr = new Recorder<>();
        hub.logs(source, LogOptions.builder().tail(2).filter(LogFilter.matching("ERR")).build(), errors);
        hub.logs(source, LogOptions.builder().tail(2).filter(LogFilter.excluding("ERR")).build(), notErrors);
        hub.logs(source, LogOptions.builder().tail(5).filter(LogFilter.all().onlyStream(LogStream.STDERR)).build(),
                stderr);

        source.last().emit(line(1, "ERR one"), line(2, "ok"), line(3, "ERR two"), errorLine(4, "ERR three"),
                line(5, "fine")).finish();
        source.last().emit(line(6, "ERR four"), errorLine(7, "warn"));
        delivery.runAll();

        assertThat(errors.texts()).containsExactly("ERR two", "ERR three", "ERR four");
        assertThat(notErrors.texts()).containsExactly("ok", "fine", "warn");
        assertThat(stderr.texts()).containsExactly("ERR three", "warn");
    }

    @Test
    void aBadFilterOrQueueIsRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> LogFilter.matching("(")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("filter pattern");
        assertThatThrownBy(() -> hub.logs(source, LogOptions.builder().queueCapacity(17).build(), new Recorder<>()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("queueCapacity '17'");
    }

    @Test
    void aSubscriberThatFallsBehindItsQueueLosesItsOldestLinesAndIsToldHowMany() {
        Recorder<LogLine> slow = new Recorder<>();
        hub.logs(source, LogOptions.builder().tail(0).queueCapacity(4).build(), slow);
        source.last().finish();
        source.last().emit(IntStream.rangeClosed(1, 10).mapToObj(i -> line(i, "l" + i)).toArray(LogLine[]::new));

        delivery.runAll();

        assertThat(slow.received()).hasSize(5);
        assertThat(slow.events()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(StreamEvent.Kind.LOST);
            assertThat(event.count()).isEqualTo(6);
        });
        assertThat(slow.texts()).containsExactly("l7", "l8", "l9", "l10");
    }

    @Test
    void aSubscriberLappedByTheRingIsToldWhatItLostAtTheEndToo() {
        Recorder<LogLine> slow = new Recorder<>();
        hub.logs(source, tail(0), slow);
        source.last().finish();
        source.last().emit(IntStream.rangeClosed(1, 40).mapToObj(i -> line(i, "l" + i)).toArray(LogLine[]::new));
        source.last().end(SourceEnd.Kind.STOPPED, "container web stopped (exit code 0)");

        delivery.runAll();

        // The ring holds 16 entries: 15 lines and the end.
        assertThat(slow.events()).extracting(StreamEvent::count).containsExactly(25L);
        assertThat(slow.texts()).hasSize(15).endsWith("l40");
        assertThat(slow.completion()).contains("container web stopped (exit code 0)");
    }

    @Test
    void aBrokenStreamResumesAfterTheLastDeliveredLineWithoutDuplicatesOrGaps() {
        Recorder<LogLine> subscriber = new Recorder<>();
        hub.logs(source, tail(100), subscriber);
        source.last().emit(line(1, "1"), line(2, "2"), line(3, "3")).finish();
        source.last().emit(line(2, "2"), line(3, "3"), line(4, "4"));
        source.last().end(SourceEnd.Kind.BROKEN, "the engine went away");

        assertThat(scheduler.scheduledDelays()).containsExactly(200L);
        scheduler.advance(Duration.ofMillis(199));
        assertThat(source.openings()).hasSize(2);
        scheduler.advance(Duration.ofMillis(1));

        FakeLogSource.Opening catchUp = source.last();
        assertThat(catchUp.query.follow()).isFalse();
        assertThat(catchUp.query.since()).contains(at(3));
        assertThat(catchUp.query.tail()).hasValue(10_000);
        catchUp.opened().emit(line(3, "3"), line(4, "4"), line(5, "5"), line(6, "6")).finish();
        FakeLogSource.Opening live = source.last();
        assertThat(live.query.follow()).isTrue();
        assertThat(live.query.since()).contains(at(5));
        live.emit(line(5, "5"), line(6, "6"), line(7, "7"));
        delivery.runAll();

        assertThat(subscriber.texts()).containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(subscriber.items()).extracting(LogLine::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(subscriber.received()).extracting(item -> item instanceof StreamEvent event ? event.kind() : "line")
                .containsExactly("line", "line", "line", "line", StreamEvent.Kind.RECONNECTING,
                        StreamEvent.Kind.RECONNECTED, "line", "line", "line");
    }

    @Test
    void linesWithOneTimestampAreCountedNotDroppedWhenResuming() {
        Recorder<LogLine> subscriber = new Recorder<>();
        hub.logs(source, tail(100), subscriber);
        source.last().emit(line(1, "a"), line(1, "b"), errorLine(1, "x")).finish();
        source.last().emit(line(1, "a"), line(1, "b"), line(1, "c"), errorLine(1, "x"), errorLine(1, "y"));
        delivery.runAll();

        assertThat(subscriber.texts()).containsExactly("a", "b", "x", "c", "y");
    }

    @Test
    void aCatchUpThatMayHaveCutOffLinesIsReplacedByAFullRead() {
        PlatformStreamHub small = hub(16, 3, Backoff.DEFAULT);
        Recorder<LogLine> subscriber = new Recorder<>();
        small.logs(source, tail(100), subscriber);
        source.last().emit(line(1, "1")).finish();
        source.last().end(SourceEnd.Kind.BROKEN, "gone");
        scheduler.advance(Duration.ofSeconds(1));

        source.last().opened().emit(line(3, "3"), line(4, "4"), line(5, "5")).finish();
        FakeLogSource.Opening full = source.last();
        assertThat(full.query.tail()).isEmpty();
        assertThat(full.query.since()).contains(at(0));
        assertThat(full.query.follow()).isFalse();
        full.emit(line(1, "1"), line(2, "2"), line(3, "3"), line(4, "4"), line(5, "5")).finish();
        source.last().emit(line(6, "6"));
        delivery.runAll();

        assertThat(subscriber.texts()).containsExactly("1", "2", "3", "4", "5", "6");
        small.close();
    }

    @Test
    void reconnectsBackOffExponentiallyAndStartOverOnceLinesFlowAgain() {
        hub.logs(source, tail(10), new Recorder<>());
        source.last().emit(line(1, "1")).finish();
        for (int attempt = 0; attempt < 4; attempt++) {
            source.last().end(SourceEnd.Kind.BROKEN, "engine down");
            scheduler.advance(Duration.ofSeconds(60));
        }
        source.last().finish();
        source.last().emit(line(2, "2"));
        source.last().end(SourceEnd.Kind.BROKEN, "engine down again");

        assertThat(scheduler.scheduledDelays()).containsExactly(200L, 400L, 800L, 1600L, 200L);
    }

    @Test
    void givesUpAfterTheBackoffsAttemptsWithAnError() {
        PlatformStreamHub limited = hub(16, 100, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2, 0, 2));
        Recorder<LogLine> subscriber = new Recorder<>();
        limited.logs(source, tail(10), subscriber);
        for (int attempt = 0; attempt < 3; attempt++) {
            source.last().end(SourceEnd.Kind.BROKEN, "engine down");
            scheduler.advance(Duration.ofSeconds(10));
        }
        delivery.runAll();

        assertThat(subscriber.error()).get().isInstanceOf(UnavailableException.class)
                .extracting(Throwable::getMessage).asString().contains("gave up reconnecting to fake web after 2");
        limited.close();
    }

    @Test
    void theSourceClosesWhenTheLastSubscriberLeavesAndReopensForTheNext() {
        Subscription one = hub.logs(source, tail(1), new Recorder<>());
        Subscription two = hub.logs(source, tail(1), new Recorder<>());
        FakeLogSource.Opening history = source.last();

        one.cancel();
        assertThat(history.closed).isFalse();
        two.cancel();
        assertThat(history.closed).isTrue();
        assertThat(hub.openStreams()).isZero();

        hub.logs(source, tail(1), new Recorder<>());
        assertThat(source.openings()).hasSize(2);
    }

    @Test
    void aStoppedOrRemovedContainerCompletesTheStreamWithItsReason() {
        Recorder<LogLine> stopped = new Recorder<>();
        hub.logs(source, tail(1), stopped);
        source.last().finish();
        source.last().emit(line(1, "bye")).end(SourceEnd.Kind.STOPPED, "container web stopped (exit code 0)");

        FakeLogSource other = new FakeLogSource("db");
        Recorder<LogLine> removed = new Recorder<>();
        hub.logs(other, tail(1), removed);
        other.last().end(SourceEnd.Kind.GONE, "container db was removed");
        delivery.runAll();

        assertThat(stopped.texts()).containsExactly("bye");
        assertThat(stopped.completion()).contains("container web stopped (exit code 0)");
        assertThat(removed.completion()).contains("container db was removed");
        assertThat(hub.openStreams()).isZero();
    }

    @Test
    void aSourceThatCannotServeTheStreamFailsItsSubscribers() {
        Recorder<LogLine> subscriber = new Recorder<>();
        hub.logs(source, tail(1), subscriber);
        source.last().end(SourceEnd.Kind.FAILED, "the log driver cannot be read");
        delivery.runAll();

        assertThat(subscriber.error()).get().isInstanceOf(OrbitrException.class)
                .extracting(Throwable::getMessage).isEqualTo("the log driver cannot be read");
    }

    @Test
    void aSubscriberAskingBeyondTheReplayBufferIsToldItIsTruncated() {
        PlatformStreamHub small = hub(4, 100, Backoff.DEFAULT);
        small.logs(source, tail(1), new Recorder<>());
        source.last().emit(line(1, "1"), line(2, "2"), line(3, "3"), line(4, "4")).finish();

        Recorder<LogLine> greedy = new Recorder<>();
        small.logs(source, tail(10), greedy);
        Recorder<LogLine> modest = new Recorder<>();
        small.logs(source, LogOptions.builder().fromStart().since(at(3)).build(), modest);
        delivery.runAll();

        assertThat(greedy.events()).singleElement().extracting(StreamEvent::kind)
                .isEqualTo(StreamEvent.Kind.TRUNCATED);
        assertThat(greedy.texts()).containsExactly("1", "2", "3", "4");
        assertThat(modest.events()).isEmpty();
        assertThat(modest.texts()).containsExactly("3", "4");
        small.close();
    }

    @Test
    void aReadThatDoesNotFollowIsPrivateAndCompletesAfterTheHistory() {
        Recorder<LogLine> reader = new Recorder<>();
        hub.logs(source, LogOptions.builder().tail(2).follow(false).build(), reader);
        source.last().emit(line(1, "a"), line(2, "b"), line(3, "c")).finish();
        delivery.runAll();

        assertThat(source.openings()).hasSize(1);
        assertThat(reader.texts()).containsExactly("b", "c");
        assertThat(reader.completion()).contains("read the log of fake web");
        assertThat(hub.openStreams()).isZero();
    }

    @Test
    void aSubscriberThatThrowsIsUnsubscribedAndTheOthersCarryOn() {
        Recorder<LogLine> thrower = new Recorder<>() {
            @Override
            public synchronized void onNext(LogLine item) {
                throw new IllegalStateException("boom");
            }
        };
        Recorder<LogLine> calm = new Recorder<>();
        hub.logs(source, tail(5), thrower);
        hub.logs(source, tail(5), calm);
        source.last().emit(line(1, "a"), line(2, "b")).finish();
        delivery.runAll();

        assertThat(thrower.subscription().isCancelled()).isTrue();
        assertThat(calm.texts()).containsExactly("a", "b");
    }

    @Test
    void theHubClosingCompletesEverySubscriberAndClosesTheSources() {
        Recorder<LogLine> subscriber = new Recorder<>();
        hub.logs(source, tail(5), subscriber);
        hub.close();
        delivery.runAll();

        assertThat(subscriber.completion()).contains("the stream hub closed");
        assertThat(source.last().closed).isTrue();
        assertThatThrownBy(() -> hub.logs(source, tail(1), new Recorder<>())).hasMessage("the stream hub is closed");
    }

    @Test
    void noContainerEngineMeansAClearError() {
        assertThatThrownBy(() -> hub.containerLogs("web", tail(1), new Recorder<>()))
                .hasMessageContaining("orbitr-docker");
    }

    @Test
    void subscribersOfAContainerWhoseStreamIsOpenJoinItWithoutAskingTheEngine() {
        AtomicInteger lookups = new AtomicInteger();
        EngineStreams engine = new EngineStreams() {
            @Override
            public LogSource logs(String container) {
                lookups.incrementAndGet();
                return source;
            }

            @Override
            public StatsSource stats(String container) {
                throw new UnsupportedOperationException("no stats here");
            }

            @Override
            public void close() {
            }
        };
        PlatformStreamHub containers = PlatformStreamHub.builder().engine(() -> engine).delivery(delivery).scheduler(scheduler)
                .wakeInterval(Duration.ZERO).build();
        Recorder<LogLine> first = new Recorder<>();
        Recorder<LogLine> second = new Recorder<>();
        containers.containerLogs("web", tail(5), first);
        source.last().emit(line(1, "a")).finish();
        containers.containerLogs("web", tail(5), second);
        delivery.runAll();

        assertThat(lookups).hasValue(1);
        assertThat(second.texts()).containsExactly("a");

        source.last().end(SourceEnd.Kind.STOPPED, "container web stopped");
        delivery.runAll();
        containers.containerLogs("web", tail(5), new Recorder<>());
        assertThat(lookups).as("a new stream after the old one ended looks the container up again").hasValue(2);
        containers.close();
    }
}
