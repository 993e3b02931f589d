package io.orbitr.core.health.check;

import io.orbitr.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.core.health.PlatformHealthMonitor;
import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.H2Stores;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import io.orbitr.notify.Notification;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code tcp} check against real listeners on 127.0.0.1. */
class TcpCheckTest {
    private final TcpCheckProvider provider = new TcpCheckProvider();

    @AfterEach
    void stop() {
        provider.stop();
    }

    @Test
    void anOpenPortIsUpWithItsConnectTime() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            HealthResult result = provider.create(CheckSpec.of("tcp", "host", "127.0.0.1", "port",
                    listener.getLocalPort())).check();
            assertThat(result.status()).isEqualTo(HealthStatus.UP);
            assertThat(result.message()).isEqualTo("connected to 127.0.0.1:" + listener.getLocalPort());
            assertThat(result.details()).containsKey("connectMs");
        }
    }

    @Test
    void aHostNameIsResolved() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            HealthResult result = provider.create(CheckSpec.of("tcp", "host", "localhost", "port",
                    listener.getLocalPort())).check();
            assertThat(result.status()).isEqualTo(HealthStatus.UP);
        }
    }

    @Test
    void aClosedPortIsDown() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = listener.getLocalPort();
        }
        HealthResult result = provider.create(CheckSpec.of("tcp", "host", "127.0.0.1", "port", port)).check();
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).startsWith("cannot connect to 127.0.0.1:" + port + ": ");
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> provider.create(CheckSpec.of("tcp", "port", 80)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("tcp.host");
        assertThatThrownBy(() -> provider.create(CheckSpec.of("tcp", "host", "x", "port", 70_000)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("tcp.port");
        assertThatThrownBy(() -> provider.create(CheckSpec.of("tcp", "host", "x")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("tcp.port");
    }

    @Test
    void aListenerClosedMidRunTurnsTheMonitoredTargetDownAndNotifiesOnce() throws Exception {
        JdbcStore store = H2Stores.inMemory();
        new SchemaMigrator(store, Clock.systemUTC()).migrate(Map.of(CoreSchema.COMPONENT, CoreSchema.migrations()));
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        int port = listener.getLocalPort();
        try (PlatformHealthMonitor monitor = PlatformHealthMonitor.builder(store, provider::create).build()) {
            monitor.add(HealthTarget.builder("db", CheckSpec.of("tcp", "host", "127.0.0.1", "port", port))
                    .interval(Duration.ofSeconds(1)).build());
            awaitStatus(monitor, "db", HealthStatus.UP);

            listener.close();
            awaitStatus(monitor, "db", HealthStatus.DOWN);
            // The status is visible before the monitor's writer has queued its notification: wait for it.
            Await.until("the UP->DOWN notification", Duration.ofSeconds(20), () -> {
                monitor.flush();
                return !monitor.inbox().list(false, 10, Optional.empty()).items().isEmpty();
            });
            List<Notification> sent = monitor.inbox().list(false, 10, Optional.empty()).items();
            assertThat(sent).extracting(n -> n.from() + "->" + n.to()).containsExactly("UP->DOWN");
        } finally {
            listener.close();
            store.close();
        }
    }

    private static void awaitStatus(PlatformHealthMonitor monitor, String id, HealthStatus status) {
        Await.until(id + " to become " + status, Duration.ofSeconds(20), () -> monitor.status(id).status() == status);
    }
}
