package io.orbitr.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.stream.SourceEnd;
import io.orbitr.stream.SourceHandle;
import io.orbitr.stream.SourceSink;
import io.orbitr.stream.StatsSample;
import io.orbitr.stream.StatsSource;
import io.orbitr.stream.StreamEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatsStreamTest {
    private final ManualExecutor delivery = new ManualExecutor();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final PlatformStreamHub hub = PlatformStreamHub.builder().delivery(delivery).scheduler(scheduler).random(() -> 0.5)
            .wakeInterval(Duration.ZERO).build();
    private final List<SourceSink<StatsSample>> sinks = new ArrayList<>();
    private final StatsSource source = new StatsSource() {
        @Override
        public String key() {
            return "web";
        }

        @Override
        public String name() {
            return "container web";
        }

        @Override
        public SourceHandle open(SourceSink<StatsSample> sink) {
            sinks.add(sink);
            return () -> { };
        }
    };

    @AfterEach
    void closeHub() {
        hub.close();
    }

    private static StatsSample sample(int second, double cpu) {
        return new StatsSample(Instant.ofEpochSecond(second), cpu, 10, 100, 10, 1, 2, 3, 4, 5);
    }

    @Test
    void aLateSubscriberStartsWithTheLatestSampleAndAllShareOneSourceStream() {
        Recorder<StatsSample> first = new Recorder<>();
        hub.stats(source, first);
        sinks.get(0).onItems(List.of(sample(1, 1)));
        sinks.get(0).onItems(List.of(sample(2, 2)));
        Recorder<StatsSample> late = new Recorder<>();
        hub.stats(source, late);
        sinks.get(0).onItems(List.of(sample(3, 3)));
        delivery.runAll();

        assertThat(sinks).hasSize(1);
        assertThat(first.items()).extracting(StatsSample::cpuPercent).containsExactly(1.0, 2.0, 3.0);
        assertThat(late.items()).extracting(StatsSample::cpuPercent).containsExactly(2.0, 3.0);
    }

    @Test
    void aBrokenStatsStreamReconnectsAndAStoppedOneCompletes() {
        Recorder<StatsSample> subscriber = new Recorder<>();
        hub.stats(source, subscriber);
        sinks.get(0).onItems(List.of(sample(1, 1)));
        sinks.get(0).onEnd(SourceEnd.of(SourceEnd.Kind.BROKEN, "container web restarted"));
        scheduler.advance(Duration.ofMillis(200));
        sinks.get(1).onOpen();
        sinks.get(1).onItems(List.of(sample(5, 5)));
        sinks.get(1).onEnd(SourceEnd.of(SourceEnd.Kind.STOPPED, "container web stopped (exit code 0)"));
        delivery.runAll();

        assertThat(subscriber.received()).extracting(item -> item instanceof StreamEvent event ? event.kind()
                : ((StatsSample) item).cpuPercent()).containsExactly(1.0, StreamEvent.Kind.RECONNECTING,
                StreamEvent.Kind.RECONNECTED, 5.0);
        assertThat(subscriber.completion()).contains("container web stopped (exit code 0)");
    }
}
