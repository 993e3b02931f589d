package io.orbitr.jdclient.instance;

import io.orbitr.jdclient.health.HealthReport;
import io.orbitr.jdclient.metrics.CpuMeter;
import io.orbitr.jdclient.metrics.LogLevelCounter;
import io.orbitr.jdclient.monitoring.MonitoringClient;
import io.orbitr.process.ProcessSpec;
import java.util.Optional;

/**
 * What the manager knows about an instance it started in this run of the platform: the spec it gave the
 * supervisor, the monitoring API of the configuration it started with, the log counter that follows its output,
 * and its latest health report.
 */
final class InstanceRuntime {
    final String id;
    final LogLevelCounter logCounter = new LogLevelCounter();
    final CpuMeter cpu = new CpuMeter();
    volatile ProcessSpec spec;
    volatile Optional<MonitoringClient> monitoring = Optional.empty();
    volatile Optional<HealthReport> lastReport = Optional.empty();

    InstanceRuntime(String id) {
        this.id = id;
    }
}
