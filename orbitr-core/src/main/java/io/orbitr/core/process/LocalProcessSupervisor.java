package io.orbitr.core.process;

import io.orbitr.ConflictException;
import io.orbitr.DataPaths;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.process.ProcessListener;
import io.orbitr.process.ProcessSpec;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.nio.file.Path;
import io.orbitr.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's {@link ProcessSupervisor}: runs native programs on this machine. {@code Orbitr.processes()}
 * returns the platform's one; a host without the platform builds its own:
 *
 * <pre>{@code
 * try (LocalProcessSupervisor processes = LocalProcessSupervisor.builder().build()) {
 *     processes.start(ProcessSpec.builder("web", "python3").args("-m", "http.server", "8000").build());
 *     processes.follow("web", 100, line -> System.out.println(line.text()));
 * }
 * }</pre>
 *
 * <p>Each process's stdout and stderr are drained by two threads of their own; exits, deliveries to followers
 * and listeners run on a small internal pool; the start period and restart delays run on the injected scheduler
 * (so tests drive them with a manual one). {@link #close()} stops every process in parallel, bounded by the
 * longest grace period plus a margin. Thread-safe.
 */
public final class LocalProcessSupervisor implements ProcessSupervisor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalProcessSupervisor.class);

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final int followerQueueLines;
    private final Duration closeMargin;
    private final Optional<Path> dataDirectory;
    private final ExecutorService executor;
    private final ProcessLauncher launcher;
    private final ProcessEvents events;
    private final ProcessRecords records;
    private final Map<String, SupervisedProcess> processes = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile boolean recovered;

    private LocalProcessSupervisor(Builder builder) {
        this.clock = builder.clock;
        this.ownsScheduler = builder.scheduler == null;
        this.scheduler = ownsScheduler ? newScheduler() : builder.scheduler;
        this.followerQueueLines = builder.followerQueueLines;
        this.closeMargin = builder.closeMargin;
        this.dataDirectory = builder.dataDirectory;
        this.executor = newExecutor();
        this.launcher = ProcessLauncher.create(builder.ownProcessGroups);
        this.events = new ProcessEvents(executor);
        this.records = new ProcessRecords(builder.store, BootId.current());
        this.recovered = builder.store.isEmpty();
    }

    /** @return a builder with defaults: the system UTC clock, a scheduler of its own, 4,096-line follower queues */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@inheritDoc} A name runs at most once: starting a name whose process is alive (starting, running or
     * stopping) is refused with a {@link ConflictException} naming it and its pid, whoever asks; use
     * {@link #restart(String)} to replace a running process. With a store, the survivors of a crashed host are
     * stopped before the first start (see {@link #recoverSurvivors()}), so a program the dead host left running
     * does not run beside its new start.
     *
     * @throws ConflictException when a process of that name is alive, and when the supervisor is closed
     */
    @Override
    public ProcessStatus start(ProcessSpec given) {
        ProcessSpec spec = homeLogFile(Objects.requireNonNull(given, "spec"));
        if (!recovered) {
            recoverSurvivors();
        }
        while (true) {
            requireOpen();
            SupervisedProcess process = processes.computeIfAbsent(spec.name(), name -> new SupervisedProcess(spec,
                    clock, scheduler, executor, launcher, events,
                    new ProcessOutput(spec, clock, executor, followerQueueLines), records));
            Optional<ProcessStatus> status = process.start(spec);
            if (status.isPresent()) {
                return status.get();
            }
            // Removed between the lookup and the start: create it afresh.
            processes.remove(spec.name(), process);
        }
    }

    /**
     * Finds the programs that an earlier host on this store started and left running when it died without stopping
     * them (SIGKILL, a crash of the JVM), and stops them as it would have: the stop signal recorded with each, its
     * grace period, then SIGKILL to whatever is left of it and its process group. Each is found by its pid, process
     * group, start time and boot id together (a pid recycled by another process does not match), or, when the host
     * died between launching it and recording its pid, by the run token in its environment; never by name. Each is
     * logged at WARN; every row of an earlier host is then deleted, except one whose processes survived SIGKILL.
     *
     * <p>Runs once, before this supervisor starts anything: {@code Orbitr} calls it while it assembles, before the
     * features that start programs again (jd-client instances) are created; otherwise the first {@link #start}
     * calls it. Blocks for at most the longest grace period of the survivors plus about 15 s. Does nothing without
     * a store.
     *
     * @return the survivors found and stopped, by name; empty when the earlier host ended cleanly
     * @throws io.orbitr.OrbitrException when the store cannot be read (then nothing starts until it can)
     */
    public synchronized List<StoppedSurvivor> recoverSurvivors() {
        if (recovered) {
            return List.of();
        }
        List<StoppedSurvivor> stopped = new SurvivorRecovery(records, executor).recover(processes::containsKey);
        recovered = true;
        if (!stopped.isEmpty()) {
            log.warn("stopped {} programs left running by an earlier host that did not shut down: {}",
                    stopped.size(), stopped.stream().map(StoppedSurvivor::name).toList());
        }
        return stopped;
    }

    @Override
    public ProcessStatus stop(String name) {
        return require(name).stop();
    }

    /**
     * {@inheritDoc}
     *
     * @throws NotFoundException when no process has that name
     */
    @Override
    public ProcessStatus restart(String name) {
        requireOpen();
        return require(name).restart().orElseThrow(() -> new NotFoundException("process", name));
    }

    @Override
    public Optional<ProcessStatus> status(String name) {
        return Optional.ofNullable(processes.get(name)).map(SupervisedProcess::status);
    }

    @Override
    public List<ProcessStatus> list() {
        List<ProcessStatus> all = new ArrayList<>();
        processes.values().forEach(process -> all.add(process.status()));
        all.sort(Comparator.comparing(ProcessStatus::name));
        return all;
    }

    @Override
    public List<LogLine> tail(String name, int lines) {
        if (lines < 0) {
            throw new InvalidValueException("lines", lines, "must not be negative");
        }
        return require(name).output().tail(lines);
    }

    /**
     * {@inheritDoc} The follower's queue holds the larger of the replay and the supervisor's follower queue size.
     */
    @Override
    public Subscription follow(String name, int replay, StreamSubscriber<LogLine> subscriber) {
        if (replay < 0) {
            throw new InvalidValueException("replay", replay, "must not be negative");
        }
        return require(name).output().follow(replay, subscriber);
    }

    /** {@inheritDoc} Does nothing for a name the supervisor does not know. */
    @Override
    public void remove(String name) {
        SupervisedProcess process = processes.remove(name);
        if (process != null) {
            process.remove(name + " was removed");
        }
    }

    @Override
    public Subscription addListener(ProcessListener listener) {
        return events.add(listener);
    }

    /**
     * Stops every process in parallel and waits, at most the longest grace period plus the margin; kills the trees
     * of those that overran. Then ends every follower and releases the threads. Idempotent. After it, {@link
     * #start} fails; status, tail and stop still answer.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<SupervisedProcess> all = new ArrayList<>(processes.values());
        Duration bound = all.stream().map(SupervisedProcess::gracePeriod).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO).plus(closeMargin);
        List<CompletableFuture<ProcessStatus>> stops = new ArrayList<>();
        for (SupervisedProcess process : all) {
            stops.add(CompletableFuture.supplyAsync(process::stop, executor));
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("processes did not stop within {}: killing what is left", bound);
        } catch (Exception e) {
            log.warn("while stopping processes: {}", e.toString());
        }
        for (int i = 0; i < all.size(); i++) {
            if (!stops.get(i).isDone()) {
                all.get(i).kill();
            }
        }
        all.forEach(process -> process.output().close("the process supervisor closed"));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(closeMargin.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    private SupervisedProcess require(String name) {
        Objects.requireNonNull(name, "name");
        SupervisedProcess process = processes.get(name);
        if (process == null) {
            throw new NotFoundException("process", name);
        }
        return process;
    }

    private void requireOpen() {
        if (closed) {
            throw new ConflictException("the process supervisor is closed: build a new platform to start processes");
        }
    }

    private static ExecutorService newExecutor() {
        AtomicInteger count = new AtomicInteger();
        // Unbounded and cached: a slow follower or a stop that waits out its grace period must not hold up others.
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "orbitr-process-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    private static ScheduledExecutorService newScheduler() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "orbitr-process-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(executor);
    }

    /** A relative log file lives under the data directory, when the supervisor has one (see {@link DataPaths}). */
    private ProcessSpec homeLogFile(ProcessSpec spec) {
        if (dataDirectory.isEmpty() || spec.logFile().isEmpty() || spec.logFile().get().isAbsolute()) {
            return spec;
        }
        return spec.toBuilder().logFile(DataPaths.resolve(dataDirectory.get(), "logFile", spec.logFile().get()))
                .build();
    }

    /** Builds a {@link LocalProcessSupervisor}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService scheduler;
        private int followerQueueLines = 4096;
        private Duration closeMargin = Duration.ofSeconds(5);
        private boolean ownProcessGroups = true;
        private Optional<Path> dataDirectory = Optional.empty();
        private Optional<Store> store = Optional.empty();

        private Builder() {
        }

        /**
         * Records every run in the store from its launch until it has ended, so that the survivors of a host that
         * died without stopping its programs are found and stopped at the next start (see
         * {@link LocalProcessSupervisor#recoverSurvivors()}). The store must hold the {@link ProcessSchema}'s
         * table: {@code Orbitr} migrates it; a host of its own applies {@link ProcessSchema#migrations()} first.
         * Each start then writes two small transactions, and each end one.
         *
         * @param store the store; by default none, and then what a killed host left running is not found
         * @return this builder
         */
        public Builder store(Store store) {
            this.store = Optional.of(Objects.requireNonNull(store, "store"));
            return this;
        }

        /**
         * @param clock stamps output lines and transitions, and times the failure window
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Uses the host's scheduler for start periods and restart delays; the host keeps ownership.
         *
         * @param scheduler the scheduler; its tasks are short and never block
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * @param lines how many lines a follower that lags may have queued before its oldest are dropped
         * @return this builder
         */
        public Builder followerQueueLines(int lines) {
            if (lines < 1) {
                throw new InvalidValueException("followerQueueLines", lines, "must be 1 or more");
            }
            this.followerQueueLines = lines;
            return this;
        }

        /**
         * @param margin what {@link #close()} waits beyond the longest grace period before it kills what is left
         * @return this builder
         */
        public Builder closeMargin(Duration margin) {
            Objects.requireNonNull(margin, "margin");
            if (margin.isNegative()) {
                throw new InvalidValueException("closeMargin", margin, "must not be negative");
            }
            this.closeMargin = margin;
            return this;
        }

        /**
         * @param own whether to start each program in a session and process group of its own (through
         *            {@code setsid}, Linux only; default true), so that the host's Ctrl-C does not reach it and
         *            everything it starts can be found and killed
         * @return this builder
         */
        public Builder ownProcessGroups(boolean own) {
            this.ownProcessGroups = own;
            return this;
        }

        /**
         * @param directory the platform's data directory: a relative {@link ProcessSpec#logFile()} is written under
         *                  it (without one, under the supervisor's working directory)
         * @return this builder
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = Optional.of(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /** @return the supervisor */
        public LocalProcessSupervisor build() {
            return new LocalProcessSupervisor(this);
        }
    }
}
