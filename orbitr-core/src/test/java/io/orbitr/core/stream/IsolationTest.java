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
    private static final Duration REJOIN = Duration.ofSeconds(1);
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
            .wakeInterval(Duration.ZERO).isolateAfter(LIMIT).rejoinAfter(REJOIN).build();
    private final FakeLogSource source = new FakeLogSource("busy");
    private final CountDownLatch release = new CountDownLatch(1);
    private final Blocking stalled = new Blocking(release);

    @AfterEach
    void close() {
        release.countDown();
        hub.close();
        pool.shutdownNow();
    }

    /**
     * Subscribes the stalled subscriber and {@code count} others from now on, and waits until delivery is idle.
     *
     * @return the others
     */
    private List<Recorder<LogLine>> stalledAndOthers(int count) {
        hub.logs(source, LogOptions.builder().tail(0).build(), stalled);
        List<Recorder<LogLine>> others = IntStream.range(0, count).mapToObj(i -> new Recorder<LogLine>()).toList();
        others.forEach(other -> hub.logs(source, LogOptions.builder().tail(0).build(), other));
        source.last().finish();
        Await.until("delivery is idle", () -> running.get() == 0);
        return others;
    }

    @Test
    void aSubscriberThatHoldsItsGroupUpIsMovedToAThreadOfItsOwnAndTheOthersGoOn() throws Exception {
        List<Recorder<LogLine>> others = stalledAndOthers(3);

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
    void anIsolatedSubscriberRejoinsItsGroupOnceItHasKeptUpForTheRejoinPeriod() throws Exception {
        List<Recorder<LogLine>> others = stalledAndOthers(3);
        source.last().emit(line(1, "1"));
        assertThat(stalled.stuck.await(30, TimeUnit.SECONDS)).as("the stalled subscriber got a line").isTrue();
        nanos.addAndGet(LIMIT.toNanos());
        scheduler.advance(LIMIT);
        Await.until("the stalled subscriber has a group of its own", () -> hub.deliveryGroups("busy") == 2);

        // It keeps up again: served and caught up at once, but not yet for the whole rejoin period.
        release.countDown();
        Await.until("delivery is idle", () -> running.get() == 0);
        nanos.addAndGet(REJOIN.toNanos() - 1);
        source.last().emit(line(2, "2"));
        Await.until("every subscriber read line 2", () -> stalled.items().size() == 2
                && others.stream().allMatch(other -> other.items().size() == 2));
        Await.until("delivery is idle", () -> running.get() == 0);
        assertThat(hub.deliveryGroups("busy")).as("not yet back").isEqualTo(2);

        nanos.addAndGet(1);
        source.last().emit(line(3, "3"));
        Await.until("it rejoined its group", () -> hub.deliveryGroups("busy") == 1);
        source.last().emit(line(4, "4"));
        Await.until("every subscriber read line 4", () -> stalled.items().size() == 4
                && others.stream().allMatch(other -> other.items().size() == 4));
        for (Recorder<LogLine> subscriber : List.of(stalled, others.get(0), others.get(1), others.get(2))) {
            assertThat(subscriber.items()).extracting(LogLine::id).containsExactly(1L, 2L, 3L, 4L);
            assertThat(subscriber.events()).isEmpty();
        }
        assertThat(stalled.overlaps()).isZero();
    }

    @Test
    void anIsolatedSubscriberThatIsStillSlowStaysAlone() throws Exception {
        stalledAndOthers(1);
        source.last().emit(line(1, "1"));
        assertThat(stalled.stuck.await(30, TimeUnit.SECONDS)).as("the stalled subscriber got a line").isTrue();
        nanos.addAndGet(LIMIT.toNanos());
        scheduler.advance(LIMIT);
        Await.until("the stalled subscriber has a group of its own", () -> hub.deliveryGroups("busy") == 2);

        // Its every turn takes half the isolation limit: it does not keep up, however long that goes on.
        stalled.turnCost(nanos, LIMIT.toNanos() / 2);
        release.countDown();
        for (int i = 2; i <= 5; i++) {
            nanos.addAndGet(REJOIN.toNanos());
            source.last().emit(line(i, String.valueOf(i)));
            int expected = i;
            Await.until("it read line " + i, () -> stalled.items().size() == expected);
            Await.until("delivery is idle", () -> running.get() == 0);
        }
        assertThat(hub.deliveryGroups("busy")).isEqualTo(2);
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
        private volatile AtomicLong clock;
        private volatile long cost;

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
            AtomicLong ticks = clock;
            if (ticks != null) {
                // Each line "takes" this long on the hub's ticker.
                ticks.addAndGet(cost);
            }
            inside.decrementAndGet();
        }

        /** From now on each line advances the ticker by {@code nanos}. */
        void turnCost(AtomicLong ticker, long nanos) {
            this.cost = nanos;
            this.clock = ticker;
        }

        int overlaps() {
            return overlaps.get();
        }
    }
}
