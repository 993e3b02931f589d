package io.orbitr.core.stream;

import io.orbitr.stream.LogOptions;
import static io.orbitr.core.stream.FakeLogSource.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.stream.LogLine;
import io.orbitr.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Subscribers of one stream share a delivery task; one that holds it up is moved to a thread of its own. Delivery
 * runs on real threads; the watchdog's time is the test's.
 */
class IsolationTest {
    private static final Duration LIMIT = Duration.ofMillis(50);
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger running = new AtomicInteger();
    /** Counts running tasks: a line emitted while none runs starts a round, in which the stalled one comes first. */
    private final Executor delivery = task -> {
        running.incrementAndGet();
        pool.execute(() -> {
            try {
                task.run();
            } finally {
                running.decrementAndGet();
            }
        });
    };
    private final ManualScheduler scheduler = new ManualScheduler();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final PlatformStreamHub hub = PlatformStreamHub.builder().delivery(delivery).scheduler(scheduler).ticker(nanos::get)
            .wakeInterval(Duration.ZERO).isolateAfter(LIMIT).build();
    private final FakeLogSource source = new FakeLogSource("busy");
    private final CountDownLatch release = new CountDownLatch(1);
    private final Blocking stalled = new Blocking(release);

    @AfterEach
    void close() {
        release.countDown();
        hub.close();
        pool.shutdownNow();
    }

    @Test
    void aSubscriberThatHoldsItsGroupUpIsMovedToAThreadOfItsOwnAndTheOthersGoOn() throws Exception {
        hub.logs(source, LogOptions.builder().tail(0).build(), stalled);
        List<Recorder<LogLine>> others = IntStream.range(0, 3).mapToObj(i -> new Recorder<LogLine>()).toList();
        others.forEach(other -> hub.logs(source, LogOptions.builder().tail(0).build(), other));
        source.last().finish();
        Await.until("delivery is idle", () -> running.get() == 0);

        source.last().emit(line(1, "1"));
        assertThat(stalled.stuck.await(30, TimeUnit.SECONDS)).as("the stalled subscriber got a line").isTrue();
        // Its turn comes first: until the watchdog sees it over the limit, the group waits.
        nanos.addAndGet(LIMIT.toNanos() - 1);
        scheduler.advance(LIMIT.minusMillis(1));
        assertThat(others).allMatch(other -> other.items().isEmpty());

        nanos.addAndGet(1);
        scheduler.advance(Duration.ofMillis(1));
        Await.until("the others read line 1", () -> others.stream().allMatch(other -> other.items().size() == 1));
        source.last().emit(IntStream.rangeClosed(2, 100).mapToObj(i -> line(i, String.valueOf(i)))
                .toArray(LogLine[]::new));
        Await.until("the others read every line",
                () -> others.stream().allMatch(other -> other.items().size() == 100));
        assertThat(stalled.items()).hasSize(1);

        release.countDown();
        Await.until("the stalled subscriber caught up", () -> stalled.items().size() == 100);
        assertThat(stalled.items()).extracting(LogLine::id)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(stalled.overlaps()).isZero();
        for (Recorder<LogLine> other : others) {
            assertThat(other.events()).isEmpty();
            assertThat(other.items()).extracting(LogLine::id)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
        }
    }

    @Test
    void aSubscriberIsMovedAtOnceWhenWaitingForItWouldCostTheOthersLines() throws Exception {
        LogOptions window = LogOptions.builder().tail(0).queueCapacity(128).build();
        hub.logs(source, window, stalled);
        List<Recorder<LogLine>> others = IntStream.range(0, 3).mapToObj(i -> new Recorder<LogLine>()).toList();
        others.forEach(other -> hub.logs(source, window, other));
        source.last().finish();
        source.last().emit(line(1, "1"));
        assertThat(stalled.stuck.await(30, TimeUnit.SECONDS)).as("the stalled subscriber got a line").isTrue();

        // Half the window (64) written while its turn lasts: no need to wait for the watchdog.
        source.last().emit(IntStream.rangeClosed(2, 100).mapToObj(i -> line(i, String.valueOf(i)))
                .toArray(LogLine[]::new));

        Await.until("the others read every line",
                () -> others.stream().allMatch(other -> other.items().size() == 100));
        assertThat(scheduler.pending()).as("the watchdog had no part in it").isLessThanOrEqualTo(1);
        for (Recorder<LogLine> other : others) {
            assertThat(other.events()).isEmpty();
        }
    }

    @Test
    void aSubscriberAloneInItsGroupIsNeverMoved() throws Exception {
        hub.logs(source, LogOptions.builder().tail(0).build(), stalled);
        source.last().finish();
        source.last().emit(line(1, "1"));
        assertThat(stalled.stuck.await(30, TimeUnit.SECONDS)).as("the stalled subscriber got a line").isTrue();

        nanos.addAndGet(LIMIT.toNanos() * 10);
        scheduler.advance(LIMIT.multipliedBy(10));
        release.countDown();
        source.last().emit(line(2, "2"));

        Await.until("it read line 2", () -> stalled.items().size() == 2);
        assertThat(stalled.overlaps()).isZero();
    }

    @Test
    void whenTheHubClosesTheOthersCompleteWhileOneSubscriberStalls() throws Exception {
        PlatformStreamHub ownThreads = PlatformStreamHub.builder().isolateAfter(LIMIT).build();
        ownThreads.logs(source, LogOptions.builder().tail(0).build(), stalled);
        List<Recorder<LogLine>> others = IntStream.range(0, 3).mapToObj(i -> new Recorder<LogLine>()).toList();
        others.forEach(other -> ownThreads.logs(source, LogOptions.builder().tail(0).build(), other));
        source.last().finish();
        source.last().emit(line(1, "1"));
        assertThat(stalled.stuck.await(30, TimeUnit.SECONDS)).as("the stalled subscriber got a line").isTrue();

        ownThreads.close();

        Await.until("the others completed", () -> others.stream().allMatch(Recorder::ended));
        assertThat(others).allSatisfy(other -> {
            assertThat(other.items()).hasSize(1);
            assertThat(other.completion()).contains("the stream hub closed");
        });
        release.countDown();
        Await.until("the stalled subscriber completed", stalled::ended);
    }

    /** Blocks in its first line until released, and counts callbacks that overlap. */
    private static final class Blocking extends Recorder<LogLine> {
        final CountDownLatch stuck = new CountDownLatch(1);
        private final CountDownLatch release;
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicInteger overlaps = new AtomicInteger();

        Blocking(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void onNext(LogLine item) {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            super.onNext(item);
            stuck.countDown();
            try {
                // Bounded: a test that never releases must not hold the hub\'s thread for ever.
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inside.decrementAndGet();
        }

        int overlaps() {
            return overlaps.get();
        }
    }
}
