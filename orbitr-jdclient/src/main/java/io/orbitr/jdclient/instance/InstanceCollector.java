package io.orbitr.jdclient.instance;

import io.orbitr.jdclient.health.HealthHistory;
import io.orbitr.jdclient.health.HealthReport;
import io.orbitr.jdclient.metrics.MetricStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background work on the instances: a collection round of metrics and health ({@link InstanceWatcher}) every
 * collection interval and the retention every cleanup interval, both run on a thread of its own, or on demand.
 */
final class InstanceCollector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InstanceCollector.class);

    private final InstanceRepository repository;
    private final InstanceLauncher launcher;
    private final InstanceWatcher watcher;
    private final MetricStore metrics;
    private final HealthHistory history;
    private final Clock clock;
    private final InstanceSettings settings;
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private final AtomicBoolean collecting = new AtomicBoolean();
    private volatile ExecutorService worker;
    private volatile boolean closed;

    InstanceCollector(InstanceRepository repository, InstanceLauncher launcher, InstanceWatcher watcher,
            MetricStore metrics, HealthHistory history, Clock clock, InstanceSettings settings) {
        this.repository = repository;
        this.launcher = launcher;
        this.watcher = watcher;
        this.metrics = metrics;
        this.history = history;
        this.clock = clock;
        this.settings = settings;
    }

    /** Schedules collection and cleanup on the platform's scheduler, the work itself on this collector's thread. */
    synchronized void schedule(ScheduledExecutorService scheduler) {
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "orbitr-jdclient-collector");
                thread.setDaemon(true);
                return thread;
            });
        }
        long every = settings.collectionInterval().toMillis();
        scheduled.add(scheduler.scheduleWithFixedDelay(() -> handOff(this::collectNow), every, every,
                TimeUnit.MILLISECONDS));
        long cleanup = settings.cleanupInterval().toMillis();
        scheduled.add(scheduler.scheduleWithFixedDelay(() -> handOff(this::cleanupNow), cleanup, cleanup,
                TimeUnit.MILLISECONDS));
    }

    /** Collects every instance's metrics and health once, on the calling thread. */
    void collectNow() {
        watcher.collect(launcher.withRuntimes(repository.list()));
    }

    /** Runs one instance's health checks now and stores the results. */
    HealthReport checkHealth(Instance instance) {
        return watcher.checkHealth(instance, launcher.runtime(instance.id()));
    }

    /** @return the latest report collected for the instance in this run */
    Optional<HealthReport> latest(Instance instance) {
        return launcher.runtime(instance.id()).flatMap(r -> r.lastReport);
    }

    /** @return how many metric samples were deleted */
    long cleanupNow() {
        // Health history is the monitor's: its own retention purges it.
        return metrics.cleanup();
    }

    @Override
    public synchronized void close() {
        closed = true;
        scheduled.forEach(f -> f.cancel(false));
        if (worker != null) {
            worker.shutdownNow();
            try {
                worker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs work on the collector's own thread: collection waits on HTTP and /proc, which must not hold the
     * platform's shared scheduler threads. A round still running when the next is due is not doubled.
     */
    private void handOff(Runnable work) {
        if (closed || !collecting.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("jd-client background work failed: {}", e.toString());
                } finally {
                    collecting.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            collecting.set(false);
        }
    }
}
