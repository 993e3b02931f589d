package io.orbitr.jdclient.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.UnavailableException;
import io.orbitr.jdclient.fake.FakeMonitoringApi;
import io.orbitr.jdclient.fake.Ports;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MonitoringClientTest {

    @Test
    void scrapesTheFakeApi() throws Exception {
        try (FakeMonitoringApi api = FakeMonitoringApi.start(new InetSocketAddress("127.0.0.1", 0))) {
            MonitoringClient client = new MonitoringClient(MonitoringClient.baseFor("0.0.0.0:" + api.port()),
                    Duration.ofSeconds(2));
            assertThat(client.health()).isEqualTo("ok");
            MonitoringSnapshot snapshot = client.snapshot();
            assertThat(snapshot.serverHashrate()).hasValue(FakeMonitoringApi.SERVER_HASHRATE);
            assertThat(snapshot.serverChannels()).hasValue(2);
            assertThat(snapshot.clients()).hasValue(3);
            assertThat(snapshot.clientChannels()).hasValue(4);
            assertThat(snapshot.sharesAccepted()).hasValue(FakeMonitoringApi.SHARES_ACCEPTED);
            assertThat(snapshot.sharesRejected()).hasValue(FakeMonitoringApi.SHARES_REJECTED);
            assertThat(snapshot.figures("monitoring.")).containsKeys("monitoring.uptime_seconds",
                    "monitoring.shares_accepted", "monitoring.client_hashrate");
        }
    }

    @Test
    void saysWhichUrlDidNotAnswer() {
        int port = Ports.free();
        MonitoringClient client = new MonitoringClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1));
        assertThatThrownBy(client::health).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("http://127.0.0.1:" + port + "/api/v1/health");
        assertThatThrownBy(client::snapshot).isInstanceOf(UnavailableException.class);
    }

    @Test
    void reachesWildcardAddressesOnLoopback() {
        assertThat(MonitoringClient.baseFor("0.0.0.0:9090")).isEqualTo(URI.create("http://127.0.0.1:9090"));
        assertThat(MonitoringClient.baseFor("[::]:9090")).isEqualTo(URI.create("http://[::1]:9090"));
        assertThat(MonitoringClient.baseFor("10.0.0.5:9090")).isEqualTo(URI.create("http://10.0.0.5:9090"));
    }

    @Test
    void sumsPrometheusSeriesOverTheirLabels() {
        assertThat(PrometheusText.sums("# HELP x y\n# TYPE x counter\nx{a=\"1\"} 2\nx{a=\"2\",b=\"{}\"} 3.5 1700000\n"
                + "y 7\nbroken\nz NaN\nw +Inf\n")).containsExactly(java.util.Map.entry("x", 5.5),
                java.util.Map.entry("y", 7.0));
    }
}
