package io.orbitr.jdclient.instance;

import io.orbitr.testing.Await;
import io.orbitr.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.Orbitr;
import io.orbitr.health.HealthStatus;
import io.orbitr.jdclient.JdClientFeatureProvider;
import io.orbitr.jdclient.config.ConfigFixtures;
import io.orbitr.jdclient.fake.FakeBinary;
import io.orbitr.jdclient.fake.FakeMonitoringApi;
import io.orbitr.jdclient.fake.Ports;
import io.orbitr.jdclient.health.HealthReport;
import io.orbitr.jdclient.health.LogPatternCheck;
import io.orbitr.jdclient.health.LogSignal;
import io.orbitr.jdclient.health.MemoryLimitCheck;
import io.orbitr.jdclient.health.MonitoringEndpointCheck;
import io.orbitr.jdclient.health.ProcessAliveCheck;
import io.orbitr.jdclient.metrics.MetricNames;
import io.orbitr.jdclient.metrics.MetricSample;
import io.orbitr.jdclient.metrics.MetricStore;
import io.orbitr.process.ProcessState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metrics and health of instances running the fake jd-client in its different behaviours. */
class InstanceMonitoringTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private final ManualClock clock = new ManualClock(Instant.now());

    @TempDir
    Path data;

    @Test
    void collectsProcessLogAndMonitoringFiguresAndAHealthyReport() {
        try (Orbitr orbitr = platform("ok", 1L << 30)) {
            InstanceManager jdc = orbitr.feature(InstanceManager.class);
            jdc.configs().create("pool-a", "", ConfigFixtures.valid().listeningAddress("127.0.0.1:" + Ports.free())
                    .monitoringAddress("127.0.0.1:" + Ports.free()).build());
            String id = jdc.create("miner-1", "pool-a").id();
            jdc.start("miner-1");
            InstanceLifecycleTest.awaitLine(jdc, "miner-1", "SV2 handshake completed successfully.");
            Await.until("the instance to count as running", BOUND,
                    () -> jdc.status("miner-1").process().state() == ProcessState.RUNNING);
            Await.until("the monitoring API to answer", BOUND, () -> jdc.checkHealth("miner-1").checks()
                    .get(MonitoringEndpointCheck.NAME).status() == HealthStatus.UP);

            jdc.collectNow();
            clock.advance(Duration.ofSeconds(10));
            jdc.collectNow();

            MetricStore metrics = jdc.metrics();
            Map<String, MetricSample> latest = metrics.latest(id);
            assertThat(latest.get(MetricNames.PROCESS_UP).value()).isEqualTo(1);
            assertThat(latest.get(MetricNames.RSS_BYTES).value()).isGreaterThan(1 << 20);
            assertThat(latest).containsKeys(MetricNames.CPU_PERCENT, MetricNames.UPTIME_SECONDS, MetricNames.RESTARTS);
            assertThat(latest.get(MetricNames.SHARES_ACCEPTED).value()).isEqualTo(FakeMonitoringApi.SHARES_ACCEPTED);
            assertThat(latest.get(MetricNames.SHARES_REJECTED).value()).isEqualTo(FakeMonitoringApi.SHARES_REJECTED);
            assertThat(latest.get(MetricNames.SERVER_HASHRATE).value()).isEqualTo(FakeMonitoringApi.SERVER_HASHRATE);
            assertThat(latest.get(MetricNames.SERVER_CHANNELS).value()).isEqualTo(2);
            assertThat(latest.get(MetricNames.HEALTH_SCORE).value()).isEqualTo(100);
            Instant from = clock.instant().minusSeconds(60);
            Instant to = clock.instant().plusSeconds(1);
            // The fake writes 7 INFO lines and 1 WARN line on a healthy start; all counted exactly once.
            assertThat(metrics.summary(id, "log.lines.info", from, to).orElseThrow().sum()).isEqualTo(7);
            assertThat(metrics.summary(id, "log.lines.warn", from, to).orElseThrow().sum()).isEqualTo(1);
            assertThat(metrics.uptimePercent(id, from, to)).hasValue(100.0);

            HealthReport report = jdc.health("miner-1").orElseThrow();
            assertThat(report.checks()).containsKeys(ProcessAliveCheck.NAME, LogPatternCheck.NAME,
                    MemoryLimitCheck.NAME, MonitoringEndpointCheck.NAME);
            assertThat(report.checks().values()).allSatisfy(r -> assertThat(r.status()).isEqualTo(HealthStatus.UP));
            assertThat(report.checks().get(LogPatternCheck.NAME).details()).containsEntry("signal",
                    LogSignal.CONNECTED.name());
            assertThat(jdc.healthHistory().history(id, from, to, 100)).hasSizeGreaterThanOrEqualTo(8);

            jdc.stop("miner-1");
            clock.advance(Duration.ofSeconds(10));
            jdc.collectNow();
            // Stopped on purpose: no downtime recorded.
            assertThat(metrics.uptimePercent(id, from, clock.instant().plusSeconds(1))).hasValue(100.0);
        }
    }

    @Test
    void reportsSoloFallbackWhenEveryUpstreamFails() {
        try (Orbitr orbitr = platform("upstream-fail", 1L << 30)) {
            InstanceManager jdc = startMiner(orbitr);
            InstanceLifecycleTest.awaitLine(jdc, "miner-1", "falling back to solo mining mode");
            Await.until("the instance to count as running", BOUND,
                    () -> jdc.status("miner-1").process().state() == ProcessState.RUNNING);
            HealthReport report = jdc.checkHealth("miner-1");
            assertThat(report.checks().get(LogPatternCheck.NAME).status()).isEqualTo(HealthStatus.PENDING);
            assertThat(report.checks().get(LogPatternCheck.NAME).details()).containsEntry("signal",
                    LogSignal.SOLO_FALLBACK.name());
            assertThat(report.score()).isEqualTo(82);
            jdc.collectNow();
            String id = jdc.get("miner-1").id();
            assertThat(jdc.metrics().latest(id, "log.lines.error")).map(MetricSample::value).contains(1.0);
        }
    }

    @Test
    void reportsDownWhenTheTemplateProviderIsUnreachableAndTheProcessExits() {
        try (Orbitr orbitr = platform("tp-unreachable", 1L << 30)) {
            InstanceManager jdc = startMiner(orbitr);
            String id = jdc.get("miner-1").id();
            Await.until("the process to exit", BOUND, () -> !jdc.status("miner-1").process().alive());
            jdc.collectNow();
            HealthReport report = jdc.health("miner-1").orElseThrow();
            assertThat(report.score()).isZero();
            assertThat(report.checks().get(ProcessAliveCheck.NAME).status()).isEqualTo(HealthStatus.DOWN);
            // The newest line is the shutdown; the failure before it is in the buffer too.
            assertThat(jdc.logs("miner-1", 10)).anySatisfy(l -> assertThat(l.text())
                    .contains("Failed to create BitcoinCoreToSv2"));
            assertThat(report.checks().get(LogPatternCheck.NAME).status()).isEqualTo(HealthStatus.DOWN);
            assertThat(jdc.metrics().uptimePercent(id, clock.instant().minusSeconds(60), clock.instant()
                    .plusSeconds(1))).hasValue(0.0);
        }
    }

    @Test
    void reportsAMemoryLimitBreach() {
        try (Orbitr orbitr = platform("ok", 1024)) {
            InstanceManager jdc = startMiner(orbitr);
            InstanceLifecycleTest.awaitLine(jdc, "miner-1", "SV2 handshake completed successfully.");
            HealthReport report = jdc.checkHealth("miner-1");
            assertThat(report.checks().get(MemoryLimitCheck.NAME).status()).isEqualTo(HealthStatus.DOWN);
            assertThat(report.checks().get(MemoryLimitCheck.NAME).details()).containsEntry("limitBytes", 1024L);
        }
    }

    /** Saves a configuration and creates and starts the instance miner-1 from it. */
    private static InstanceManager startMiner(Orbitr orbitr) {
        InstanceManager jdc = orbitr.feature(InstanceManager.class);
        jdc.configs().create("pool-a", "", ConfigFixtures.valid().listeningAddress("127.0.0.1:" + Ports.free())
                .build());
        jdc.create("miner-1", "pool-a");
        jdc.start("miner-1");
        return jdc;
    }

    private Orbitr platform(String scenario, long memoryLimit) {
        FakeBinary.install(data.resolve("jdclient/bin/jd_client_sv2"), scenario);
        return Orbitr.builder().noDiscovery().dataDirectory(data).clock(clock)
                .register(new JdClientFeatureProvider(b -> b.startPeriod(Duration.ofMillis(100))
                        .gracePeriod(Duration.ofSeconds(5)).memoryLimitBytes(memoryLimit)))
                .build();
    }
}
