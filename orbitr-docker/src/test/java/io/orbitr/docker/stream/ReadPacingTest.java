package io.orbitr.docker.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadPacingTest {
    private long now;
    private final List<Long> pauses = new ArrayList<>();
    private final ReadPacing pacing = new ReadPacing(() -> now, pauses::add);

    private void read(long takesNanos) {
        long started = pacing.readStarting();
        now += takesNanos;
        pacing.readEnded(started);
    }

    @Test
    void aReaderThatKeepsFindingBytesNeverPauses() {
        for (int i = 0; i < 100; i++) {
            pacing.beforeWaitingRead();
            read(2_000);
        }
        assertThat(pauses).isEmpty();
    }

    @Test
    void aReadThatWaitedForTheEngineMakesTheNextWaitingReadPauseOnce() {
        pacing.beforeWaitingRead();
        read(3_000_000);
        pacing.beforeWaitingRead();
        assertThat(pauses).containsExactly(ReadPacing.PAUSE_NANOS);
        pacing.beforeWaitingRead();
        assertThat(pauses).hasSize(1);
    }

    @Test
    void aQuickReadAfterAPauseEndsTheCatchingUp() {
        read(3_000_000);
        pacing.beforeWaitingRead();
        read(1_000);
        pacing.beforeWaitingRead();
        assertThat(pauses).hasSize(1);
    }
}
