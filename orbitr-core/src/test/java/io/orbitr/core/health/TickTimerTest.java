package io.orbitr.core.health;

import io.orbitr.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The monitor's own timer on the real clock: order, cancellation, and a failing task that harms no other. */
class TickTimerTest {

    @Test
    void tasksRunInDueOrderAndCancelledOnesNever() {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (TickTimer timer = new TickTimer(Clock.systemUTC(), "test-timer")) {
            timer.schedule(60, () -> ran.add("third"));
            timer.schedule(0, () -> ran.add("first"));
            timer.schedule(30, () -> {
                ran.add("second");
                throw new IllegalStateException("a failing task");
            });
            timer.schedule(40, () -> ran.add("cancelled")).cancel();
            Await.until("three tasks", Duration.ofSeconds(10), () -> ran.size() == 3);
            assertThat(ran).containsExactly("first", "second", "third");
        }
    }
}
