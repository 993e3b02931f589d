package io.orbitr.core.process;

import io.orbitr.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.process.ProcessSpec;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogStream;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogFollowerTest {
    private final ExecutorService delivery = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        delivery.shutdownNow();
    }

    private ProcessOutput output(int followerCapacity) {
        return new ProcessOutput(ProcessSpec.builder("follow", "true").logBufferLines(1000).build(),
                Clock.systemUTC(), delivery, followerCapacity);
    }

    @Test
    void replaysBufferedLinesThenFollowsWithoutGapOrDuplicate() {
        ProcessOutput output = output(100);
        for (int i = 1; i <= 5; i++) {
            output.append(LogStream.STDOUT, "early " + i);
        }
        RecordingSubscriber subscriber = new RecordingSubscriber();

        output.follow(3, subscriber);
        output.append(LogStream.STDERR, "late");

        Await.until("4 lines", () -> subscriber.lines.size() == 4, subscriber::texts);
        assertThat(subscriber.texts()).containsExactly("early 3", "early 4", "early 5", "late");
        assertThat(subscriber.lines).extracting(LogLine::id).containsExactly(3L, 4L, 5L, 6L);
        assertThat(subscriber.subscription.get()).isNotNull();
    }

    @Test
    void aSlowFollowerLosesItsOldestLinesAndIsToldHowMany() throws InterruptedException {
        ProcessOutput output = output(10);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Object> received = new ArrayList<>();
        StreamSubscriber<LogLine> blocked = new StreamSubscriber<>() {
            @Override
            public void onNext(LogLine item) {
                entered.countDown();
                awaitQuietly(release);
                synchronized (received) {
                    received.add(item.id());
                }
            }

            @Override
            public void onEvent(StreamEvent event) {
                synchronized (received) {
                    received.add(event);
                }
            }
        };
        RecordingSubscriber fast = new RecordingSubscriber();
        output.follow(0, blocked);
        output.follow(0, fast);

        output.append(LogStream.STDOUT, "line 1");
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
        // The reader never waits: 999 more lines go in while the slow follower is stuck on its first.
        for (int i = 2; i <= 1000; i++) {
            output.append(LogStream.STDOUT, "line " + i);
        }
        // The other follower is not held up; it may lose lines too (its queue is as small), but every line is
        // accounted for: received or reported lost.
        Await.until("the fast follower reached the end",
                () -> !fast.lines.isEmpty() && fast.lines.get(fast.lines.size() - 1).id() == 1000, fast.lines::size);
        assertThat(fast.lines.size() + fast.lost.get()).isEqualTo(1000);
        assertThat(fast.lines).extracting(LogLine::id).isSorted();
        release.countDown();
        Await.until("the slow follower drained", () -> {
            synchronized (received) {
                return received.size() == 12;
            }
        }, () -> received);

        // Line 1 was being delivered; lines 2..990 were dropped; 991..1000 were queued.
        synchronized (received) {
            assertThat(received.get(0)).isEqualTo(1L);
            assertThat(received.get(1)).isInstanceOfSatisfying(StreamEvent.class, event -> {
                assertThat(event.kind()).isEqualTo(StreamEvent.Kind.LOST);
                assertThat(event.count()).isEqualTo(989);
            });
            assertThat(received.subList(2, 12)).containsExactly(991L, 992L, 993L, 994L, 995L, 996L, 997L, 998L,
                    999L, 1000L);
        }
    }

    @Test
    void cancellingStopsDeliveryAndCompletesOnce() {
        ProcessOutput output = output(100);
        RecordingSubscriber subscriber = new RecordingSubscriber();
        Subscription subscription = output.follow(0, subscriber);
        output.append(LogStream.STDOUT, "before");
        Await.until("the first line", () -> subscriber.lines.size() == 1, subscriber::texts);

        subscription.cancel();
        subscription.cancel();
        output.append(LogStream.STDOUT, "after");

        Await.until("completion", () -> subscriber.completed.get() != null, subscriber.completed::get);
        assertThat(subscriber.completed.get()).isEqualTo("cancelled");
        assertThat(subscription.isCancelled()).isTrue();
        assertThat(subscriber.texts()).containsExactly("before");
    }

    @Test
    void aFollowerThatThrowsIsCancelledAndTheOthersCarryOn() {
        ProcessOutput output = output(100);
        StreamSubscriber<LogLine> throwing = item -> {
            throw new IllegalStateException("boom");
        };
        Subscription broken = output.follow(0, throwing);
        RecordingSubscriber healthy = new RecordingSubscriber();
        output.follow(0, healthy);

        output.append(LogStream.STDOUT, "one");
        output.append(LogStream.STDOUT, "two");

        Await.until("the healthy follower got both", () -> healthy.lines.size() == 2, healthy::texts);
        Await.until("the broken one is cancelled", broken::isCancelled, () -> broken);
    }

    @Test
    void closingCompletesEveryFollowerAfterItsQueuedLines() {
        ProcessOutput output = output(100);
        RecordingSubscriber subscriber = new RecordingSubscriber();
        output.follow(0, subscriber);
        output.append(LogStream.STDOUT, "last words");

        output.close("demo was removed");
        RecordingSubscriber late = new RecordingSubscriber();
        output.follow(10, late);

        Await.until("completion", () -> subscriber.completed.get() != null, subscriber.completed::get);
        assertThat(subscriber.texts()).containsExactly("last words");
        assertThat(subscriber.completed.get()).isEqualTo("demo was removed");
        Await.until("the late follower completes", () -> late.completed.get() != null, late.completed::get);
        assertThat(late.texts()).containsExactly("last words");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
