package io.orbitr.core.stream;

import io.orbitr.stream.LogOptions;
import static io.orbitr.core.stream.FakeLogSource.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.stream.LogLine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WakeIntervalTest {
    private final ManualExecutor delivery = new ManualExecutor();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final PlatformStreamHub hub = PlatformStreamHub.builder().delivery(delivery).scheduler(scheduler)
            .wakeInterval(Duration.ofMillis(10)).ticker(nanos::get).build();
    private final FakeLogSource source = new FakeLogSource("chatty");

    @AfterEach
    void closeHub() {
        hub.close();
    }

    @Test
    void underLoadSubscribersAreWokenOncePerIntervalAndAfterAQuietSpellAtOnce() {
        Recorder<LogLine> subscriber = new Recorder<>();
        hub.logs(source, LogOptions.builder().tail(0).build(), subscriber);
        source.last().finish();
        delivery.runAll();

        source.last().emit(line(1, "first"));
        delivery.runAll();
        assertThat(subscriber.texts()).containsExactly("first");

        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        source.last().emit(line(2, "second"));
        source.last().emit(line(3, "third"));
        delivery.runAll();
        assertThat(subscriber.texts()).containsExactly("first");

        scheduler.advance(Duration.ofMillis(9));
        delivery.runAll();
        assertThat(subscriber.texts()).containsExactly("first", "second", "third");

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        source.last().emit(line(4, "after a quiet spell"));
        delivery.runAll();
        assertThat(subscriber.texts()).endsWith("after a quiet spell");
    }
}
