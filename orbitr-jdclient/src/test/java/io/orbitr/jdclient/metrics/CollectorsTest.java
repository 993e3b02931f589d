package io.orbitr.jdclient.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogStream;
import io.orbitr.stream.StreamEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorsTest {

    @Test
    void countsLinesByLevelAndSkipsReplayedOnes() {
        LogLevelCounter counter = new LogLevelCounter();
        Instant t = Instant.parse("2026-05-11T16:08:45Z");
        counter.onNext(line(0, t, "2026-05-11T16:08:45.280653Z  INFO jd_client_sv2: starting"));
        counter.onNext(line(1, t, "2026-05-11T16:08:45.280653Z  WARN jd_client_sv2: waiting"));
        counter.onNext(line(2, t, "2026-05-11T16:08:45.280653Z ERROR jd_client_sv2::upstream: failed"));
        counter.onNext(line(3, t, "thread 'main' panicked at src/lib.rs:1:1:"));
        counter.onNext(line(2, t, "2026-05-11T16:08:45.280653Z ERROR jd_client_sv2::upstream: failed"));
        counter.onEvent(new StreamEvent(StreamEvent.Kind.LOST, 17, "queue full"));
        Map<String, Long> counts = counter.drain();
        assertThat(counts).containsEntry("log.lines.info", 1L).containsEntry("log.lines.warn", 1L)
                .containsEntry("log.lines.error", 1L).containsEntry("log.lines.other", 1L)
                .containsEntry("log.lines.debug", 0L).containsEntry("log.lines.lost", 17L);
        assertThat(counter.drain().values()).allMatch(v -> v == 0);
        // A source whose ids started over after a restart: newer lines count again.
        counter.onNext(line(0, t.plusSeconds(5), "2026-05-11T16:08:50.000000Z  INFO jd_client_sv2: starting"));
        assertThat(counter.drain()).containsEntry("log.lines.info", 1L);
    }

    @Test
    void readsCpuAndMemoryOfThisJvmFromProc() {
        assertThat(ProcessUsage.read(ProcessHandle.current().pid())).hasValueSatisfying(u -> {
            assertThat(u.cpuTicks()).isPositive();
            assertThat(u.rssBytes()).isGreaterThan(10L << 20);
        });
        assertThat(ProcessUsage.read(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void readsACommandNameWithSpacesAndParentheses(@TempDir Path proc) throws Exception {
        Path dir = Files.createDirectories(proc.resolve("42"));
        Files.writeString(dir.resolve("stat"), "42 (jd client (x)) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 0 0 20 0"
                + " 8 0 1234 100000000 2000 18446744073709551615");
        Files.writeString(dir.resolve("status"), "Name:\tjd client\nVmRSS:\t   20480 kB\nThreads:\t8\n");
        assertThat(ProcessUsage.read(proc, 42)).contains(new ProcessUsage(42, 300, 20480L * 1024));
    }

    @Test
    void turnsCpuTicksIntoAPercentage() {
        CpuMeter meter = new CpuMeter();
        assertThat(meter.percent(new ProcessUsage(7, 1000, 0), 10_000)).isEmpty();
        assertThat(meter.percent(new ProcessUsage(7, 1150, 0), 20_000)).hasValue(15.0);
        assertThat(meter.percent(new ProcessUsage(8, 10, 0), 30_000)).isEmpty();
    }

    private static LogLine line(long id, Instant at, String text) {
        return new LogLine(id, at, LogStream.STDOUT, text);
    }
}
