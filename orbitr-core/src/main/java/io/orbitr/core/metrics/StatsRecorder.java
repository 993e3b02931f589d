package io.orbitr.core.metrics;

import io.orbitr.ConflictException;
import io.orbitr.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import io.orbitr.core.store.SettingRows;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerQuery;
import io.orbitr.engine.ContainerSummary;
import io.orbitr.Page;
import io.orbitr.PageRequest;
import io.orbitr.metrics.Point;
import io.orbitr.metrics.Resolution;
import io.orbitr.metrics.Sample;
import io.orbitr.metrics.SeriesKey;
import io.orbitr.metrics.StatsHistory;
import io.orbitr.metrics.StatsHistorySettings;
import io.orbitr.metrics.StatsPoint;
import io.orbitr.metrics.TimeSeries;
import io.orbitr.store.Store;
import io.orbitr.stream.StatsSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the stats of every running container into the time series each interval. Each tick lists the running
 * containers once and reads one stats sample of each with the engine's one-shot stats call, several at a time
 * (a one-shot call waits about a second in the engine for its CPU reference), so no stream per container stays
 * open between ticks. The settings live in the store's {@code settings} table once {@link #configure} stored them.
 * Thread-safe.
 */
public final class StatsRecorder implements StatsHistory, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatsRecorder.class);
    private static final String SETTING_KEY = "stats.history";
    /** How many one-shot stats calls run at once. */
    private static final int PARALLEL_READS = 8;
    /** The longest a tick waits for its stats calls, however long the interval. */
    private static final Duration MAX_TICK = Duration.ofSeconds(30);
    private static final List<String> METRICS = List.of(CPU_PERCENT, MEMORY_BYTES, MEMORY_LIMIT_BYTES,
            NETWORK_RX_BYTES, NETWORK_TX_BYTES, BLOCK_READ_BYTES, BLOCK_WRITE_BYTES);

    private final Supplier<Optional<ContainerEngine>> engine;
    private final TimeSeries series;
    private final Store store;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService ticks;
    private final ExecutorService reads;
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final AtomicBoolean engineWarned = new AtomicBoolean();
    private volatile StatsHistorySettings settings;
    private ScheduledFuture<?> schedule;
    private boolean closed;
    private boolean scheduling;

    /**
     * @param engine    the local engine, when a provider is present
     * @param series    where samples go
     * @param store     where {@link #configure} keeps the settings
     * @param clock     stamps the samples
     * @param scheduler runs the ticks
     * @param defaults  the settings until {@link #configure} stores others
     */
    public StatsRecorder(Supplier<Optional<ContainerEngine>> engine, TimeSeries series, Store store, Clock clock,
            ScheduledExecutorService scheduler, StatsHistorySettings defaults) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.series = Objects.requireNonNull(series, "series");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = store.read(connection -> SettingRows.read(connection, SETTING_KEY))
                .map(text -> decode(text, defaults)).orElse(Objects.requireNonNull(defaults, "defaults"));
        this.ticks = Executors.newSingleThreadExecutor(daemon("orbitr-stats-history", new AtomicInteger()));
        this.reads = Executors.newFixedThreadPool(PARALLEL_READS, daemon("orbitr-stats-read-", new AtomicInteger()));
    }

    /**
     * Sets the retention of kind {@value #KIND} and starts the schedule of the settings in force.
     *
     * @param engineProvider whether an engine provider is present: without one nothing is scheduled, and
     *                       {@link #recordNow()} says what to add
     */
    public synchronized void start(boolean engineProvider) {
        series.retention(KIND, settings.retention());
        scheduling = engineProvider;
        reschedule();
    }

    @Override
    public StatsHistorySettings settings() {
        return settings;
    }

    @Override
    public synchronized void configure(StatsHistorySettings next) {
        Objects.requireNonNull(next, "settings");
        store.inTransaction(connection -> {
            SettingRows.write(connection, SETTING_KEY, encode(next), clock.millis());
            return null;
        });
        settings = next;
        series.retention(KIND, next.retention());
        if (!closed) {
            reschedule();
        }
        log.info("container stats history: {}, kept {}", next.enabled() ? "every " + next.interval() : "off",
                next.retention());
    }

    private void reschedule() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
        if (settings.enabled() && scheduling) {
            long every = settings.interval().toMillis();
            schedule = scheduler.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Runs a tick off the scheduler's thread; a tick still running when the next is due makes that one skip. */
    private void tick() {
        if (!ticking.compareAndSet(false, true)) {
            log.debug("container stats: the previous tick is still running, this one is skipped");
            return;
        }
        try {
            ticks.execute(() -> {
                try {
                    recordNow();
                    engineWarned.set(false);
                } catch (UnavailableException e) {
                    if (engineWarned.compareAndSet(false, true)) {
                        log.warn("container stats are not recorded: {}", e.getMessage());
                    }
                } catch (RuntimeException e) {
                    log.warn("container stats tick failed: {}", e.toString(), e);
                } finally {
                    ticking.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            ticking.set(false);
        }
    }

    @Override
    public int recordNow() {
        ContainerEngine local = engine.get().orElseThrow(() -> new UnavailableException("no container engine"
                + " provider is on the class path: add io.orbitr:orbitr-docker to record container stats"));
        Instant now = clock.instant();
        List<ContainerSummary> running = running(local);
        List<Callable<Optional<StatsSample>>> calls = new ArrayList<>();
        for (ContainerSummary container : running) {
            calls.add(() -> read(local, container));
        }
        List<Sample> samples = new ArrayList<>();
        int recorded = 0;
        try {
            List<Future<Optional<StatsSample>>> done = reads.invokeAll(calls, MAX_TICK.toMillis(),
                    TimeUnit.MILLISECONDS);
            for (int i = 0; i < done.size(); i++) {
                Optional<StatsSample> sample = result(done.get(i), running.get(i));
                if (sample.isPresent()) {
                    addSamples(samples, running.get(i).id(), now, sample.get());
                    recorded++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrbitrException("interrupted while reading container stats", e);
        }
        series.ingest(samples);
        return recorded;
    }

    private static List<ContainerSummary> running(ContainerEngine local) {
        List<ContainerSummary> out = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<ContainerSummary> page = local.containers().list(ContainerQuery.running(), request);
            for (ContainerSummary container : page.items()) {
                if (!"false".equalsIgnoreCase(container.labels().getOrDefault(LABEL, "true").trim())) {
                    out.add(container);
                }
            }
            if (!page.hasNext()) {
                return out;
            }
            request = page.nextRequest(request.limit());
        }
    }

    /** A container that stopped since the list has no stats: not an error. */
    private static Optional<StatsSample> read(ContainerEngine local, ContainerSummary container) {
        try {
            return Optional.of(local.stats(container.id()));
        } catch (ConflictException | NotFoundException e) {
            log.debug("no stats of container {}: {}", container.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<StatsSample> result(Future<Optional<StatsSample>> future, ContainerSummary container) {
        try {
            return future.get();
        } catch (CancellationException e) {
            log.warn("the stats of container {} took longer than {}: not recorded this time", container.name(),
                    MAX_TICK);
        } catch (ExecutionException e) {
            log.warn("could not read the stats of container {}: {}", container.name(), e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private static void addSamples(List<Sample> out, String id, Instant now, StatsSample s) {
        out.add(new Sample(key(id, CPU_PERCENT), now, s.cpuPercent()));
        out.add(new Sample(key(id, MEMORY_BYTES), now, s.memoryUsedBytes()));
        out.add(new Sample(key(id, MEMORY_LIMIT_BYTES), now, s.memoryLimitBytes()));
        out.add(new Sample(key(id, NETWORK_RX_BYTES), now, s.networkRxBytes()));
        out.add(new Sample(key(id, NETWORK_TX_BYTES), now, s.networkTxBytes()));
        out.add(new Sample(key(id, BLOCK_READ_BYTES), now, s.blockReadBytes()));
        out.add(new Sample(key(id, BLOCK_WRITE_BYTES), now, s.blockWriteBytes()));
    }

    private static SeriesKey key(String container, String metric) {
        return new SeriesKey(KIND, container, metric);
    }

    @Override
    public List<StatsPoint> history(String container, Resolution resolution, Instant from, Instant to) {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(resolution, "resolution");
        String id = resolve(container);
        Map<Instant, Point[]> byTime = new TreeMap<>();
        for (int m = 0; m < METRICS.size(); m++) {
            for (Point point : series.range(key(id, METRICS.get(m)), resolution, from, to)) {
                byTime.computeIfAbsent(point.time(), t -> new Point[METRICS.size()])[m] = point;
            }
        }
        List<StatsPoint> out = new ArrayList<>(byTime.size());
        byTime.forEach((time, p) -> {
            if (p[0] != null) {
                out.add(new StatsPoint(time, p[0].count(), p[0].avg(), p[0].max(), avg(p[1]), max(p[1]), max(p[2]),
                        max(p[3]), max(p[4]), max(p[5]), max(p[6])));
            }
        });
        return out;
    }

    /** The engine's id for a name or prefix; the text itself when the engine does not know it but history does. */
    private String resolve(String container) {
        if (container.isBlank()) {
            throw new io.orbitr.InvalidValueException("container", container, "must not be blank");
        }
        Optional<ContainerEngine> local = engine.get();
        if (local.isPresent()) {
            try {
                return local.get().containers().inspect(container).id();
            } catch (NotFoundException | UnavailableException e) {
                log.debug("container {} not resolved by the engine: {}", container, e.getMessage());
            }
        }
        if (!series.series(KIND, container).isEmpty()) {
            return container;
        }
        throw new NotFoundException("container", container);
    }

    private static long avg(Point point) {
        return point == null ? 0 : Math.round(point.avg());
    }

    private static long max(Point point) {
        return point == null ? 0 : (long) point.max();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (schedule != null) {
            schedule.cancel(false);
        }
        ticks.shutdownNow();
        reads.shutdownNow();
    }

    private static String encode(StatsHistorySettings s) {
        return s.interval() + " " + s.retention();
    }

    private static StatsHistorySettings decode(String text, StatsHistorySettings defaults) {
        String[] parts = text.trim().split(" ");
        try {
            return new StatsHistorySettings(Duration.parse(parts[0]), Duration.parse(parts[1]));
        } catch (RuntimeException e) {
            log.warn("the stored container stats settings '{}' are unreadable ({}); using {}", text, e.toString(),
                    defaults);
            return defaults;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name, AtomicInteger count) {
        return runnable -> {
            Thread thread = new Thread(runnable, name.endsWith("-") ? name + count.incrementAndGet() : name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
