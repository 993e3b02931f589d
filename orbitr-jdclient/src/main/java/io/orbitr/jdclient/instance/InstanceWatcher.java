package io.orbitr.jdclient.instance;

import io.orbitr.UnavailableException;
import io.orbitr.health.HealthCheck;
import io.orbitr.jdclient.health.CheckRunner;
import io.orbitr.jdclient.health.HealthHistory;
import io.orbitr.jdclient.health.HealthReport;
import io.orbitr.jdclient.health.LogPatternCheck;
import io.orbitr.jdclient.health.MemoryLimitCheck;
import io.orbitr.jdclient.health.MonitoringEndpointCheck;
import io.orbitr.jdclient.health.ProcessAliveCheck;
import io.orbitr.jdclient.metrics.MetricNames;
import io.orbitr.jdclient.metrics.MetricSample;
import io.orbitr.jdclient.metrics.MetricStore;
import io.orbitr.jdclient.metrics.ProcessUsage;
import io.orbitr.jdclient.monitoring.MonitoringClient;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.ProcessSupervisor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One collection round over the instances: their process figures (up, uptime, restarts, CPU, memory), log lines by
 * level, the monitoring API's figures, and a round of health checks, stored as metrics and health history.
 * Instances that should not run and do not run are skipped, so stopping one on purpose does not count as downtime.
 */
final class InstanceWatcher {
    private static final Logger log = LoggerFactory.getLogger(InstanceWatcher.class);
    /** How many of the latest lines the log-pattern check reads. */
    private static final int LOG_WINDOW = 200;
    private final ProcessSupervisor supervisor;
    private final MetricStore metrics;
    private final HealthHistory history;
    private final Clock clock;
    private final long memoryLimitBytes;
    private final int logBufferLines;

    InstanceWatcher(ProcessSupervisor supervisor, MetricStore metrics, HealthHistory history, Clock clock,
            long memoryLimitBytes, int logBufferLines) {
        this.supervisor = supervisor;
        this.metrics = metrics;
        this.history = history;
        this.clock = clock;
        this.memoryLimitBytes = memoryLimitBytes;
        this.logBufferLines = logBufferLines;
    }

    /**
     * @param instances the instances, each with its runtime when the manager started it in this run
     */
    void collect(Map<Instance, Optional<InstanceRuntime>> instances) {
        List<MetricSample> samples = new ArrayList<>();
        instances.forEach((instance, runtime) -> {
            try {
                collect(instance, runtime, samples);
            } catch (RuntimeException e) {
                log.warn("collecting the figures of jd-client instance '{}' failed: {}", instance.name(),
                        e.toString());
            }
        });
        metrics.ingest(samples);
    }

    /**
     * Runs the instance's health checks now and stores the results.
     *
     * @return the report
     */
    HealthReport checkHealth(Instance instance, Optional<InstanceRuntime> runtime) {
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        String name = instance.processName();
        checks.put(ProcessAliveCheck.NAME, new ProcessAliveCheck(supervisor, name));
        checks.put(LogPatternCheck.NAME, new LogPatternCheck(supervisor, name, LOG_WINDOW));
        checks.put(MemoryLimitCheck.NAME, new MemoryLimitCheck(supervisor, name, memoryLimitBytes,
                ProcessUsage::read));
        runtime.flatMap(r -> r.monitoring).ifPresent(client -> checks.put(MonitoringEndpointCheck.NAME,
                new MonitoringEndpointCheck(client)));
        HealthReport report = CheckRunner.run(instance.id(), checks, clock);
        history.record(report);
        runtime.ifPresent(r -> r.lastReport = Optional.of(report));
        return report;
    }

    private void collect(Instance instance, Optional<InstanceRuntime> runtime, List<MetricSample> samples) {
        Optional<ProcessStatus> status = supervisor.status(instance.processName());
        boolean alive = status.map(ProcessStatus::alive).orElse(false);
        boolean shouldRun = instance.desiredState() == DesiredState.RUNNING;
        if (!shouldRun && !alive) {
            return;
        }
        Instant now = clock.instant();
        String id = instance.id();
        if (shouldRun) {
            samples.add(new MetricSample(id, MetricNames.PROCESS_UP, now, alive ? 1 : 0));
        }
        if (alive) {
            ProcessStatus s = status.get();
            s.startedAt().ifPresent(started -> samples.add(new MetricSample(id, MetricNames.UPTIME_SECONDS, now,
                    Math.max(0, Duration.between(started, now).toMillis() / 1000.0))));
            samples.add(new MetricSample(id, MetricNames.RESTARTS, now, s.restarts()));
            if (s.pid().isPresent()) {
                ProcessUsage.read(s.pid().getAsLong()).ifPresent(usage -> {
                    samples.add(new MetricSample(id, MetricNames.RSS_BYTES, now, usage.rssBytes()));
                    runtime.ifPresent(r -> r.cpu.percent(usage, now.toEpochMilli()).ifPresent(cpu ->
                            samples.add(new MetricSample(id, MetricNames.CPU_PERCENT, now, cpu))));
                });
            }
        }
        runtime.ifPresent(r -> {
            if (alive && !r.logCounter.following()) {
                supervisor.follow(instance.processName(), logBufferLines, r.logCounter);
            }
            r.logCounter.drain().forEach((metric, count) -> samples.add(new MetricSample(id, metric, now, count)));
            if (alive) {
                r.monitoring.ifPresent(client -> scrape(instance, client, now, samples));
            }
        });
        HealthReport report = checkHealth(instance, runtime);
        samples.add(new MetricSample(id, MetricNames.HEALTH_SCORE, now, report.score()));
    }

    private static void scrape(Instance instance, MonitoringClient client, Instant now,
            List<MetricSample> samples) {
        try {
            client.snapshot().figures("monitoring.").forEach((metric, value) ->
                    samples.add(new MetricSample(instance.id(), metric, now, value)));
        } catch (UnavailableException e) {
            log.debug("jd-client instance '{}': {}", instance.name(), e.getMessage());
        }
    }
}
