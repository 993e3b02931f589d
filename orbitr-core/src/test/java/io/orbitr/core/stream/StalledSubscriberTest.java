package io.orbitr.core.stream;

import io.orbitr.stream.LogOptions;
import io.orbitr.testing.Await;
import static io.orbitr.core.stream.FakeLogSource.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With the hub's real delivery threads: one subscriber blocked in its callback holds only itself up. */
class StalledSubscriberTest {
    private final PlatformStreamHub hub = PlatformStreamHub.builder().replayLines(64).build();
    private final FakeLogSource source = new FakeLogSource("busy");

    @AfterEach
    void closeHub() {
        hub.close();
    }

    @Test
    void aStalledSubscriberDoesNotHoldUpTheSourceOrTheOthersAndLosesOnlyItsOwnOldestLines() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        Recorder<LogLine> stalled = new Recorder<>() {
            @Override
            public void onNext(LogLine item) {
                super.onNext(item);
                stuck.countDown();
                try {
                    // Bounded: a test that never releases must not hold the hub\'s thread for ever.
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        List<Recorder<LogLine>> others = new ArrayList<>();
        hub.logs(source, LogOptions.builder().tail(0).build(), stalled);
        for (int i = 0; i < 3; i++) {
            Recorder<LogLine> other = new Recorder<>();
            others.add(other);
            hub.logs(source, LogOptions.builder().tail(0).build(), other);
        }
        source.last().finish();

        int lines = 1000;
        for (int from = 1; from <= lines; from += 10) {
            int first = from;
            // The source never waits: each batch is published at once, whatever the stalled subscriber does.
            source.last().emit(IntStream.range(first, first + 10).mapToObj(i -> line(i, "l" + i))
                    .toArray(LogLine[]::new));
            Await.until("the others read line " + (first + 9), Duration.ofSeconds(10),
                    () -> others.stream().allMatch(other -> other.items().size() == first + 9));
            assertThat(stuck.await(30, TimeUnit.SECONDS)).as("the stalled subscriber got a line").isTrue();
        }

        assertThat(stalled.items()).hasSize(1);
        release.countDown();
        Await.until("the stalled subscriber caught up", Duration.ofSeconds(10),
                () -> stalled.items().size() > 1 && stalled.items().get(stalled.items().size() - 1).id() == lines);
        List<StreamEvent> lost = stalled.events();
        assertThat(lost).isNotEmpty().allMatch(event -> event.kind() == StreamEvent.Kind.LOST);
        // Everything is accounted for: the line it was stuck on, the ones it lost, the window it kept.
        assertThat(1 + lost.stream().mapToLong(StreamEvent::count).sum() + (stalled.items().size() - 1))
                .isEqualTo(lines);
        assertThat(stalled.items().size() - 1).isLessThanOrEqualTo(64);
        for (Recorder<LogLine> other : others) {
            assertThat(other.events()).isEmpty();
            assertThat(other.items()).extracting(LogLine::id)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, lines).mapToObj(i -> (long) i).toList());
        }
    }

    @Test
    void aHundredSubscribersReceiveIdenticalSequences() {
        List<Recorder<LogLine>> subscribers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Recorder<LogLine> subscriber = new Recorder<>();
            subscribers.add(subscriber);
            hub.logs(source, LogOptions.builder().tail(0).build(), subscriber);
        }
        source.last().finish();
        for (int from = 1; from <= 500; from += 50) {
            int first = from;
            source.last().emit(IntStream.range(first, first + 50).mapToObj(i -> line(i, "l" + i))
                    .toArray(LogLine[]::new));
            Await.until("all read line " + (first + 49), Duration.ofSeconds(20),
                    () -> subscribers.stream().allMatch(s -> s.items().size() == first + 49));
        }
        source.last().end(io.orbitr.stream.SourceEnd.Kind.STOPPED, "stopped");
        Await.until("all completed", Duration.ofSeconds(10), () -> subscribers.stream().allMatch(Recorder::ended));

        List<Object> reference = subscribers.get(0).received();
        assertThat(reference).hasSize(500);
        for (Recorder<LogLine> subscriber : subscribers) {
            assertThat(subscriber.received()).isEqualTo(reference);
            assertThat(subscriber.completion()).contains("stopped");
        }
    }
}
