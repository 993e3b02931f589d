package io.orbitr.examples.bench;

import com.sun.management.OperatingSystemMXBean;
import io.orbitr.core.health.MonitorTimer;
import io.orbitr.core.health.TickTimer;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code orbitr bench timer}: the health monitor's timer load on its own {@link TickTimer} and on a one-thread
 * {@link ScheduledThreadPoolExecutor}, one after the other in the same process. Each of N periodic tasks (intervals
 * spread from 1 to 5 s) does what a target's check does to the timer: at its due time it schedules its timeout
 * (80 % of the interval), cancels it (the check finished), and schedules its next run one interval after the due
 * time. Prints the lateness of starts (p50, p99, max) and the process's CPU for each, and
 * {@code ratio ticktimer/stpe p99 lateness} and {@code ratio ticktimer/stpe cpu}.
 */
@Command(name = "timer", mixinStandardHelpOptions = true,
        description = "Compare the health monitor's TickTimer with a ScheduledThreadPoolExecutor.")
public final class TimerBenchmark implements Callable<Integer> {

    @Option(names = "--tasks", description = "Periodic tasks (default: ${DEFAULT-VALUE}).")
    int tasks = 10_000;

    @Option(names = "--seconds", description = "Measured seconds per timer (default: ${DEFAULT-VALUE}).")
    int seconds = 20;

    @Option(names = "--warmup", description = "Unmeasured seconds per timer first (default: ${DEFAULT-VALUE}).")
    int warmup = 5;

    @Override
    public Integer call() throws Exception {
        Figures figures = new Figures(System.out);
        long[] intervals = intervals(tasks);
        Result tick;
        try (TickTimer timer = new TickTimer(Clock.systemUTC(), "bench-ticktimer")) {
            tick = run(timer, intervals);
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "bench-stpe");
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled timeouts would otherwise wait in the queue until their due time.
        executor.setRemoveOnCancelPolicy(true);
        Result stpe;
        try {
            stpe = run(MonitorTimer.on(executor), intervals);
        } finally {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        tick.print(figures, "ticktimer");
        stpe.print(figures, "stpe");
        figures.ratio("ticktimer/stpe", "p99 lateness", tick.p99Micros() / (double) Math.max(1, stpe.p99Micros()));
        figures.ratio("ticktimer/stpe", "cpu", tick.cpuCores() / stpe.cpuCores());
        return 0;
    }

    /** The same intervals for both timers: 1 to 5 s, spread evenly, in a fixed random order. */
    private static long[] intervals(int count) {
        Random random = new Random(42);
        long[] intervals = new long[count];
        for (int i = 0; i < count; i++) {
            intervals[i] = 1_000 + random.nextInt(4_001);
        }
        return intervals;
    }

    private Result run(MonitorTimer timer, long[] intervals) throws InterruptedException {
        Load load = new Load(timer, intervals);
        load.start();
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        load.measuring(true);
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        load.measuring(false);
        load.stop();
        long[] lateness = load.lateness();
        Arrays.sort(lateness);
        return new Result(lateness.length, percentile(lateness, 0.50), percentile(lateness, 0.99),
                lateness.length == 0 ? 0 : lateness[lateness.length - 1], cpu / (double) wall);
    }

    private static long percentile(long[] sorted, double share) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
    }

    /** The figures of one timer: starts measured, lateness in microseconds, CPU cores busy. */
    private record Result(int starts, long p50Micros, long p99Micros, long maxMicros, double cpuCores) {
        void print(Figures figures, String name) {
            figures.figure(name + " starts", starts);
            figures.figure(name + " lateness p50 us", p50Micros);
            figures.figure(name + " lateness p99 us", p99Micros);
            figures.figure(name + " lateness max us", maxMicros);
            figures.figure(name + " cpu cores", cpuCores);
        }
    }

    /** The periodic tasks on one timer, and the lateness of their starts while measuring. */
    private static final class Load {
        private final MonitorTimer timer;
        private final long[] intervals;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile boolean measuring;
        /** Written by the timer's one thread only; read after the load stopped. */
        private long[] lateness = new long[1 << 16];
        private int count;

        Load(MonitorTimer timer, long[] intervals) {
            this.timer = timer;
            this.intervals = intervals;
        }

        void start() {
            long now = System.nanoTime();
            for (int i = 0; i < intervals.length; i++) {
                // First runs spread over each task's interval, as the monitor spreads targets it adds in bulk.
                long dueNanos = now + TimeUnit.MILLISECONDS.toNanos(intervals[i] * i / intervals.length);
                schedule(i, dueNanos);
            }
        }

        private void schedule(int task, long dueNanos) {
            long delayMillis = TimeUnit.NANOSECONDS.toMillis(dueNanos - System.nanoTime());
            timer.schedule(delayMillis, () -> run(task, dueNanos));
        }

        private void run(int task, long dueNanos) {
            if (!running.get()) {
                return;
            }
            long late = System.nanoTime() - dueNanos;
            if (measuring) {
                record(TimeUnit.NANOSECONDS.toMicros(Math.max(0, late)));
            }
            long interval = intervals[task];
            MonitorTimer.Cancellable timeout = timer.schedule(interval * 8 / 10, () -> { });
            timeout.cancel();
            schedule(task, dueNanos + TimeUnit.MILLISECONDS.toNanos(interval));
        }

        private synchronized void record(long micros) {
            if (count == lateness.length) {
                lateness = Arrays.copyOf(lateness, count * 2);
            }
            lateness[count++] = micros;
        }

        void measuring(boolean value) {
            measuring = value;
        }

        void stop() {
            running.set(false);
        }

        synchronized long[] lateness() {
            return Arrays.copyOf(lateness, count);
        }
    }
}
