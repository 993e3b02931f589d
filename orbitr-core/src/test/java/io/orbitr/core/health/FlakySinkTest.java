package io.orbitr.core.health;

import static io.orbitr.health.HealthStatus.DOWN;
import static io.orbitr.health.HealthStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.orbitr.notify.Notification;
import io.orbitr.notify.NotificationSink;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** A sink that fails on cue (a Mockito stub) loses only its own delivery; the next one reaches it. */
class FlakySinkTest {
    private final MonitorFixture fixture = new MonitorFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aSinkThatFailsOnceStillGetsTheNextNotificationAndTheOtherSinksGetBoth() throws Exception {
        NotificationSink flaky = mock(NotificationSink.class);
        when(flaky.id()).thenReturn("flaky");
        doThrow(new IllegalStateException("the chat service is down")).doNothing().when(flaky).send(any());
        fixture.sinks = List.of(fixture.sink);
        fixture.scripted("a").then(DOWN, UP);
        PlatformHealthMonitor monitor = PlatformHealthMonitor.builder(fixture.store, spec -> fixture.checks.get("a"))
                .clock(fixture.clock).timer(fixture.timer).checkPool(fixture.checkPool).sinkExecutor(Runnable::run)
                .sinks(List.of(flaky, fixture.sink)).build();
        fixture.monitor = monitor;
        monitor.add(MonitorFixture.target("a").interval(Duration.ofSeconds(10)).build());

        fixture.advance(Duration.ofSeconds(15));
        monitor.flush();

        ArgumentCaptor<Notification> sent = ArgumentCaptor.forClass(Notification.class);
        verify(flaky, times(2)).send(sent.capture());
        assertThat(sent.getAllValues()).extracting(Notification::to).containsExactly(DOWN, UP);
        assertThat(fixture.sink.transitions()).containsExactly("a:UNKNOWN->DOWN", "a:DOWN->UP");
    }
}
