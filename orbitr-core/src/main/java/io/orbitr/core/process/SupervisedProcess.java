package io.orbitr.core.process;

import io.orbitr.ConflictException;
import io.orbitr.process.ProcessEvent;
import io.orbitr.process.ProcessSpec;
import io.orbitr.process.ProcessState;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.RestartPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named process and its state machine (see {@link ProcessState}): starts it, promotes it to RUNNING after the
 * start period, decides after each exit between EXITED, BACKOFF and FAILED by the restart policy, and stops its
 * tree on request. Thread-safe: every state change happens under this object's lock, which is never held while
 * waiting for a process.
 *
 * <p>Timers (the start period, the backoff delay) run on the injected scheduler and are matched to the run they
 * were set for by a generation number, so that a timer that fires after a stop or a newer start does nothing.
 */
final class SupervisedProcess {
    private static final Logger log = LoggerFactory.getLogger(SupervisedProcess.class);
    /** How long an exit waits for the last lines of output before it is reported. */
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

    private final String name;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Executor executor;
    private final ProcessLauncher launcher;
    private final ProcessEvents events;
    private final ProcessOutput output;
    private final ProcessRecords records;
    private final FailureWindow failures = new FailureWindow();

    private ProcessSpec spec;
    private ProcessState state = ProcessState.STOPPED;
    private ProcessRun run;
    private OptionalInt exitCode = OptionalInt.empty();
    private Optional<Instant> startedAt = Optional.empty();
    private int restarts;
    private String message = "";
    private ScheduledFuture<?> timer;
    private long generation;
    private CompletableFuture<ProcessStatus> stopping;
    private boolean removed;

    /**
     * @param executor runs exit handling, off the JDK's process reaper thread
     * @param records  where each run is recorded from its launch until it has ended
     */
    SupervisedProcess(ProcessSpec spec, Clock clock, ScheduledExecutorService scheduler, Executor executor,
            ProcessLauncher launcher, ProcessEvents events, ProcessOutput output, ProcessRecords records) {
        this.name = spec.name();
        this.spec = spec;
        this.clock = clock;
        this.scheduler = scheduler;
        this.executor = executor;
        this.launcher = launcher;
        this.events = events;
        this.output = output;
        this.records = records;
    }

    ProcessOutput output() {
        return output;
    }

    /**
     * Starts the process with a new spec, as a fresh start: the failure count and the restart count are reset.
     *
     * @return its status, or empty when it was removed meanwhile
     * @throws ConflictException when it is alive
     */
    synchronized Optional<ProcessStatus> start(ProcessSpec newSpec) {
        if (removed) {
            return Optional.empty();
        }
        if (state.isAlive()) {
            throw new ConflictException("process " + name + " is already " + state.name().toLowerCase()
                    + pidText() + ": stop it first, or restart it");
        }
        cancelTimer();
        spec = newSpec;
        output.configure(newSpec);
        failures.reset();
        restarts = 0;
        spawn("started");
        return Optional.of(statusLocked());
    }

    /**
     * Stops the process if it is alive and starts it again with its last spec; counts as a restart.
     *
     * @return its status, or empty when it was removed meanwhile
     */
    Optional<ProcessStatus> restart() {
        stop();
        synchronized (this) {
            if (removed) {
                return Optional.empty();
            }
            if (state.isAlive()) {
                throw new ConflictException("process " + name + " was started by someone else during the restart");
            }
            cancelTimer();
            failures.reset();
            restarts++;
            spawn("restarted on request");
            return Optional.of(statusLocked());
        }
    }

    /**
     * Stops the process: cancels a pending restart, or sends the stop signal, waits the grace period and kills what
     * is left of the tree. Blocks until the process has exited; a concurrent caller waits for the same stop.
     */
    ProcessStatus stop() {
        ProcessRun stopped = null;
        ProcessSpec.StopSignal signal = null;
        Duration grace = null;
        CompletableFuture<ProcessStatus> done;
        synchronized (this) {
            if (state == ProcessState.BACKOFF) {
                cancelTimer();
                generation++;
                transition(ProcessState.STOPPED, "stopped while waiting to restart");
                return statusLocked();
            }
            if (!state.isAlive()) {
                return statusLocked();
            }
            if (state != ProcessState.STOPPING) {
                cancelTimer();
                generation++;
                stopped = run;
                signal = spec.stopSignal();
                grace = spec.gracePeriod();
                stopping = new CompletableFuture<>();
                transition(ProcessState.STOPPING, "stopping with SIG" + signal.name() + ", grace " + grace);
            }
            done = stopping;
        }
        if (stopped != null) {
            stopTree(stopped, signal, grace, done);
        }
        return done.join();
    }

    /** Does the waiting part of a stop, outside the lock, and completes it whatever happens. */
    private void stopTree(ProcessRun stopped, ProcessSpec.StopSignal signal, Duration grace,
            CompletableFuture<ProcessStatus> done) {
        boolean killed = false;
        try {
            killed = stopped.tree().stop(signal, grace);
            forget(stopped);
            stopped.awaitOutput(OUTPUT_DRAIN);
        } finally {
            synchronized (this) {
                exitCode = stopped.exitCode();
                String how = signal == ProcessSpec.StopSignal.KILL ? "killed with SIGKILL"
                        : killed ? "killed after the grace period of " + grace : "stopped by SIG" + signal.name();
                transition(ProcessState.STOPPED, how + exitText());
                done.complete(statusLocked());
            }
        }
    }

    /** Stops the process and ends its output: followers complete, the log file closes. */
    void remove(String reason) {
        synchronized (this) {
            removed = true;
        }
        stop();
        synchronized (this) {
            cancelTimer();
        }
        output.close(reason);
    }

    /** Kills the tree at once, without grace: the last resort when a stop overran the supervisor's bound. */
    void kill() {
        ProcessRun current;
        synchronized (this) {
            current = run;
        }
        if (current != null) {
            current.tree().stop(ProcessSpec.StopSignal.KILL, Duration.ZERO);
        }
    }

    synchronized ProcessStatus status() {
        return statusLocked();
    }

    synchronized Duration gracePeriod() {
        return spec.gracePeriod();
    }

    /**
     * Starts a run; on failure to start, treats it as a failed run. Holds the lock. The run is recorded in the store
     * before it is launched (with its token) and again once its pid is known, so that a host that dies at any
     * moment leaves enough behind for the next start to find the program.
     */
    private void spawn(String why) {
        generation++;
        long current = generation;
        ProcessRecord record = new ProcessRecord(name, UUID.randomUUID().toString(), 0, 0, 0, records.bootId(),
                spec.stopSignal(), spec.gracePeriod(), clock.instant(), records.host());
        try {
            records.launching(record);
        } catch (RuntimeException e) {
            run = null;
            startedAt = Optional.empty();
            afterFailure("cannot record the start in the store, so not starting (a crash would orphan it): "
                    + e.getMessage());
            return;
        }
        try {
            run = launcher.launch(spec, output, record.runToken());
        } catch (IOException e) {
            run = null;
            startedAt = Optional.empty();
            forget(name, record.runToken());
            afterFailure("cannot start: " + e.getMessage());
            return;
        }
        startedAt = Optional.of(clock.instant());
        ProcessRun started = run;
        recordLaunch(record, started);
        transition(ProcessState.STARTING, why + ", pid " + started.pid());
        started.onExit().whenCompleteAsync((process, error) -> exited(started, current), executor);
        timer = spec.startPeriod().isZero() ? null : schedule(() -> promote(current), spec.startPeriod());
        if (timer == null) {
            promote(current);
        }
    }

    /**
     * Adds the pid, group and start time to the run's row. A program that already ended has no stat to read: its
     * exit, handled next, removes the row. The group is the one the launcher made it lead, not the one /proc shows
     * yet: {@code setsid} may not have run at this instant.
     */
    private void recordLaunch(ProcessRecord record, ProcessRun started) {
        if (!records.enabled()) {
            return;
        }
        Optional<ProcStat> stat = ProcStat.read(started.pid());
        if (stat.isEmpty()) {
            return;
        }
        ProcStat launched = stat.get();
        try {
            records.launched(record.launched(new ProcStat(launched.pid(), launched.command(), launched.state(),
                    launched.parent(), started.group().orElse(launched.group()), launched.session(),
                    launched.startTime())));
        } catch (RuntimeException e) {
            // The row still holds the token, by which the next start finds the program all the same.
            log.warn("process {}: cannot record pid {} in the store: {}", name, started.pid(), e.getMessage());
        }
    }

    /** Removes the row of a run that has ended and been reaped. */
    private void forget(ProcessRun ended) {
        forget(name, ended.runToken());
    }

    private void forget(String processName, String runToken) {
        try {
            records.ended(processName, runToken);
        } catch (RuntimeException e) {
            log.warn("process {}: cannot remove its ended run from the store: {}; the next start will find it"
                    + " ended and forget it", processName, e.getMessage());
        }
    }

    /** The start period has passed: the start succeeded and the failure count starts over. */
    private synchronized void promote(long forGeneration) {
        if (forGeneration == generation && state == ProcessState.STARTING) {
            failures.reset();
            transition(ProcessState.RUNNING, "running, pid " + run.pid());
        }
    }

    /** Runs on the executor when a run's process has exited, asked for or not. */
    private void exited(ProcessRun ended, long forGeneration) {
        ended.tree().killOrphans();
        forget(ended);
        ended.awaitOutput(OUTPUT_DRAIN);
        synchronized (this) {
            if (forGeneration != generation || run != ended || !(state == ProcessState.STARTING
                    || state == ProcessState.RUNNING)) {
                return; // a stop is handling this exit, or a newer run has replaced this one
            }
            cancelTimer();
            exitCode = ended.exitCode();
            int code = exitCode.orElse(-1);
            boolean early = state == ProcessState.STARTING;
            RestartPolicy policy = spec.restartPolicy();
            String what = "exited with code " + code + (early ? " within its start period of " + spec.startPeriod()
                    : "");
            if (!policy.restartsAfter(code)) {
                transition(ProcessState.EXITED, what, code != 0);
            } else if (code != 0 || early) {
                afterFailure(what);
            } else {
                backoff(policy.initialDelay(), what, false);
            }
        }
    }

    /** Counts a failure, then backs off or gives up. Holds the lock. */
    private void afterFailure(String what) {
        RestartPolicy policy = spec.restartPolicy();
        int count = failures.record(clock.instant(), policy.failureWindow());
        if (policy.mode() == RestartPolicy.Mode.NEVER) {
            transition(ProcessState.FAILED, what);
        } else if (count >= policy.maxFailures()) {
            transition(ProcessState.FAILED, what + "; gave up after " + count + " failures within "
                    + policy.failureWindow());
        } else {
            backoff(policy.delayAfter(count), what + " (failure " + count + " of " + policy.maxFailures() + ")", true);
        }
    }

    /** Waits the delay, then starts again unless stopped meanwhile. Holds the lock. */
    private void backoff(Duration delay, String what, boolean failure) {
        long current = generation;
        transition(ProcessState.BACKOFF, what + "; restarting in " + delay, failure);
        timer = schedule(() -> backoffElapsed(current), delay);
        if (timer == null) {
            transition(ProcessState.FAILED, what + "; cannot restart: the scheduler is shut down");
        }
    }

    private synchronized void backoffElapsed(long forGeneration) {
        if (forGeneration == generation && state == ProcessState.BACKOFF && !removed) {
            restarts++;
            spawn("restarted (restart " + restarts + ")");
        }
    }

    /** @return the scheduled task, or null when the scheduler no longer takes tasks (the platform is closing) */
    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            log.warn("process {}: the scheduler refused a timer: {}", name, e.toString());
            return null;
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void transition(ProcessState next, String why) {
        transition(next, why, next == ProcessState.FAILED);
    }

    private void transition(ProcessState next, String why, boolean warn) {
        ProcessState previous = state;
        state = next;
        message = why;
        ProcessStatus status = statusLocked();
        if (warn) {
            log.warn("process {}: {} -> {}: {}", name, previous, next, why);
        } else {
            log.info("process {}: {} -> {}: {}", name, previous, next, why);
        }
        events.publish(new ProcessEvent(previous, status, clock.instant()));
    }

    private ProcessStatus statusLocked() {
        OptionalLong pid = state.isAlive() && run != null ? OptionalLong.of(run.pid()) : OptionalLong.empty();
        return new ProcessStatus(name, state, pid, exitCode, startedAt, restarts, message);
    }

    private String pidText() {
        return run == null ? "" : " (pid " + run.pid() + ")";
    }

    private String exitText() {
        return exitCode.isPresent() ? ", exit code " + exitCode.getAsInt() : ", still alive after SIGKILL";
    }
}
