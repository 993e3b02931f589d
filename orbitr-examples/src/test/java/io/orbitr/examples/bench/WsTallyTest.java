package io.orbitr.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class WsTallyTest {
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);

    private static String batch(String... lines) {
        StringBuilder out = new StringBuilder("{\"type\":\"logs\",\"containerId\":\"c\",\"lines\":[");
        for (int i = 0; i < lines.length; i++) {
            out.append(i == 0 ? "" : ",").append("{\"id\":").append(i + 1).append(",\"ts\":\"").append(lines[i])
                    .append("\",\"stream\":\"stdout\",\"text\":\"").append(i == 0 ? "x" : "y").append("\"}");
        }
        return out.append("]}").toString();
    }

    @Test
    void countsLinesAndRecordsEachBatchsOldestDelayForEveryLine() {
        WsTally tally = new WsTally("the-end", 0, subscribed, ended);
        tally.message(batch("2026-12-03T10:00:00.000000000Z", "2026-12-03T10:00:00.050000000Z"),
                java.time.Instant.parse("2026-12-03T10:00:00.080Z").toEpochMilli());
        assertThat(tally.lines()).isEqualTo(2);
        assertThat(tally.delays()).containsExactly(80);
        assertThat(tally.weights()).containsExactly(2);
    }

    @Test
    void theEndMarkerIsNotALineAndEndsTheClientOnce() {
        WsTally tally = new WsTally("the-end", 0, subscribed, ended);
        String end = "{\"type\":\"logs\",\"lines\":[{\"id\":7,\"ts\":\"2026-12-03T10:00:00Z\",\"text\":\"the-end\"}]}";
        tally.message(end, 0);
        tally.message(end, 0);
        assertThat(tally.lines()).isZero();
        assertThat(tally.endSeen()).isTrue();
        assertThat(ended.getCount()).isZero();
    }

    @Test
    void delaysWithinTheWarmUpAreLeftOutButTheirLinesCount() {
        WsTally tally = new WsTally("the-end", 1000, subscribed, ended);
        long start = java.time.Instant.parse("2026-12-03T10:00:00Z").toEpochMilli();
        tally.message(batch("2026-12-03T10:00:00Z"), start + 400);
        tally.message(batch("2026-12-03T10:00:01Z"), start + 1050);
        assertThat(tally.lines()).isEqualTo(2);
        assertThat(tally.delays()).containsExactly(50);
        assertThat(tally.warmupWorst()).isEqualTo(400);
    }

    @Test
    void lostEventsAndTheAcknowledgingPongAreRead() {
        WsTally tally = new WsTally("the-end", 0, subscribed, ended);
        tally.message("{\"type\":\"event\",\"event\":\"LOST\",\"count\":1234}", 0);
        tally.message("{\"type\":\"pong\"}", 0);
        assertThat(tally.lost()).isEqualTo(1234);
        assertThat(subscribed.getCount()).isZero();
    }
}
