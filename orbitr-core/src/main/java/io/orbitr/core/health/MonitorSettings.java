package io.orbitr.core.health;

import io.orbitr.engine.ContainerEngine;
import io.orbitr.notify.NotificationSink;
import io.orbitr.process.ProcessSupervisor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The monitor's settings as its builder left them, frozen: what {@link PlatformHealthMonitor} is assembled from.
 *
 * @param clock        due times and stamps
 * @param retention    how long results are kept; empty: the {@code health.retention} setting, else 7 days
 * @param checkThreads threads for blocking checks
 * @param scheduler    a scheduler the caller owns, to run on instead of the monitor's own timer
 * @param timer        a timer to run on (tests: a manual one); wins over the scheduler
 * @param checkPool    a pool for blocking checks the caller owns (tests: a direct one)
 * @param sinkExecutor where sinks are called (tests: the calling thread)
 * @param sinks        the notification sinks
 * @param engine       finds the container engine of an endpoint by name, for container remediation
 * @param supervisor   finds the process supervisor, for process remediation
 * @param sharing      how the targets are shared with other servers on the store; empty: this server checks all
 */
record MonitorSettings(Clock clock, Optional<Duration> retention, int checkThreads,
        Optional<ScheduledExecutorService> scheduler, Optional<MonitorTimer> timer, Optional<ExecutorService> checkPool,
        Optional<Executor> sinkExecutor, List<NotificationSink> sinks, Function<String, Optional<ContainerEngine>> engine,
        Supplier<Optional<ProcessSupervisor>> supervisor, Optional<Sharing> sharing) {

    /**
     * Targets shared among servers by leases.
     *
     * @param leases    this server's leases in the shared store
     * @param shards    how many shard leases the targets fall into
     * @param leaseTtl  how long a lease lasts unrenewed: a dead server's targets are taken over after about this
     * @param ownThread whether the monitor ticks on its own thread (tests tick by hand)
     * @param feed      carries the live status between the servers; empty: each server knows only its own targets'
     */
    record Sharing(io.orbitr.core.cluster.StoreLeases leases, int shards, Duration leaseTtl, boolean ownThread,
            Optional<io.orbitr.core.cluster.ChangeFeed> feed) {
    }

    /** Refuses nulls and freezes the sinks. */
    MonitorSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(checkPool, "checkPool");
        Objects.requireNonNull(sinkExecutor, "sinkExecutor");
        sinks = List.copyOf(sinks);
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(supervisor, "supervisor");
        Objects.requireNonNull(sharing, "sharing");
    }
}
