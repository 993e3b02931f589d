package io.orbitr.core.health;

import io.orbitr.OrbitrException;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerState;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.Containers;
import io.orbitr.health.HealthResult;
import io.orbitr.health.Remediation;
import io.orbitr.process.ProcessState;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.stream.StatsSample;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts what is behind a target that stays DOWN, by the target's {@link Remediation}: after its DOWN streak
 * reaches {@code afterDownChecks}, at most {@code maxRestarts} per window, each later restart in the window after a
 * growing delay. The restart itself runs on the check pool, never on the monitor's timer. A container is restarted
 * on the engine endpoint the target's check names with its {@code engine} option (default {@code local}).
 *
 * <p>Never a target stopped on purpose:
 * <ul>
 *   <li>a process is restarted only when the supervisor shows it RUNNING (alive but failing), EXITED or FAILED;
 *       never when STOPPED or STOPPING (the user stopped it), nor STARTING or BACKOFF (the supervisor is already
 *       restarting it), nor when the supervisor does not know it;</li>
 *   <li>a container is restarted only when it is running but failing: the last result must not report a
 *       {@code state} (or {@code containerState}) other than {@code running}, and the engine must show it running,
 *       neither paused nor restarting (its inspected state; for an engine without the containers view, a stats
 *       sample with at least one process). A stopped, exited, created, dead or paused container, whether the user
 *       stopped or paused it or it died, is left alone: bringing it back is the job of Docker's own restart policy,
 *       and restarting it here is how autoheal undoes a user's stop.</li>
 * </ul>
 */
final class Remediator {
    private static final Logger log = LoggerFactory.getLogger(Remediator.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Function<String, Optional<ContainerEngine>> engine;
    private final Supplier<Optional<ProcessSupervisor>> supervisor;
    private final Executor executor;
    private final Clock clock;

    /**
     * What remediation did, for a notification.
     *
     * @param runtime   the target
     * @param restarted whether it restarted the target (else it gave up or failed)
     * @param message   what happened
     */
    record Event(TargetRuntime runtime, boolean restarted, String message) {
    }

    /**
     * @param engine     finds the container engine of an endpoint by name
     * @param supervisor finds the process supervisor
     * @param executor   runs the restarts (the check pool)
     * @param clock      stamps restarts
     */
    Remediator(Function<String, Optional<ContainerEngine>> engine, Supplier<Optional<ProcessSupervisor>> supervisor,
            Executor executor, Clock clock) {
        this.engine = engine;
        this.supervisor = supervisor;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Decides after a DOWN result, and restarts in the background when it is time.
     *
     * @param runtime the target
     * @param state   its state after the result
     * @param result  the result
     * @param events  where restarts, give-ups and failures are reported
     */
    void consider(TargetRuntime runtime, TargetState state, HealthResult result, Consumer<Event> events) {
        Optional<Remediation> configured = runtime.target.remediation();
        if (configured.isEmpty() || state.downStreak() < configured.get().afterDownChecks()) {
            return;
        }
        Remediation remediation = configured.get();
        long now = clock.millis();
        RemediationLog memory = runtime.remediation;
        synchronized (memory) {
            if (memory.busy) {
                return;
            }
            while (!memory.restarts.isEmpty() && memory.restarts.peekFirst() <= now - remediation.window().toMillis()) {
                memory.restarts.pollFirst();
            }
            if (memory.restarts.size() >= remediation.maxRestarts()) {
                if (!memory.gaveUp) {
                    memory.gaveUp = true;
                    long nextAt = memory.restarts.peekFirst() + remediation.window().toMillis();
                    events.accept(new Event(runtime, false, "remediation paused: " + remediation.maxRestarts()
                            + " restarts of " + describe(remediation, runtime) + " within "
                            + human(remediation.window())
                            + "; next possible in " + human(Duration.ofMillis(nextAt - now))));
                }
                return;
            }
            memory.gaveUp = false;
            if (!memory.restarts.isEmpty()) {
                long wait = remediation.delayBefore(memory.restarts.size()).toMillis();
                if (now - memory.restarts.peekLast() < wait) {
                    return;
                }
            }
            memory.busy = true;
        }
        try {
            executor.execute(() -> restart(runtime, remediation, state, result, events));
        } catch (RejectedExecutionException e) {
            synchronized (memory) {
                memory.busy = false;
            }
        }
    }

    private void restart(TargetRuntime runtime, Remediation remediation, TargetState state, HealthResult result,
            Consumer<Event> events) {
        RemediationLog memory = runtime.remediation;
        try {
            Optional<String> declined = remediation.action() == Remediation.Action.RESTART_PROCESS
                    ? restartProcess(remediation.subject())
                    : restartContainer(endpoint(runtime), remediation.subject(), result);
            synchronized (memory) {
                if (declined.isPresent()) {
                    if (memory.declinedStreak != state.downStreak() - 1 && memory.declinedStreak != state.downStreak()) {
                        log.info("health target '{}' is DOWN but {} is not restarted: {}", runtime.id(),
                                describe(remediation, runtime), declined.get());
                    }
                    memory.declinedStreak = state.downStreak();
                    return;
                }
                memory.declinedStreak = -1;
                memory.restarts.addLast(clock.millis());
            }
            int count = memory.restarts.size();
            String message = "restarted " + describe(remediation, runtime) + " after " + state.downStreak()
                    + " DOWN checks (restart " + count + " of at most " + remediation.maxRestarts() + " within "
                    + human(remediation.window()) + ")";
            log.info("health target '{}': {}", runtime.id(), message);
            events.accept(new Event(runtime, true, message));
        } catch (RuntimeException e) {
            synchronized (memory) {
                // A failed restart counts against the cap, so a broken restart is not retried at every check.
                memory.restarts.addLast(clock.millis());
            }
            log.warn("health target '{}': restarting {} failed: {}", runtime.id(), describe(remediation, runtime),
                    e.getMessage());
            events.accept(new Event(runtime, false, "restarting " + describe(remediation, runtime) + " failed: "
                    + e.getMessage()));
        } finally {
            synchronized (memory) {
                memory.busy = false;
            }
        }
    }

    /** @return why the process is not restarted, or empty after restarting it */
    private Optional<String> restartProcess(String name) {
        Optional<ProcessSupervisor> found = supervisor.get();
        if (found.isEmpty()) {
            return Optional.of("no process supervisor is available");
        }
        Optional<ProcessStatus> status = found.get().status(name);
        if (status.isEmpty()) {
            return Optional.of("the supervisor knows no process '" + name + "'");
        }
        ProcessState state = status.get().state();
        switch (state) {
            case STOPPED, STOPPING -> {
                return Optional.of("it was stopped on purpose (" + state + ")");
            }
            case STARTING, BACKOFF -> {
                return Optional.of("the supervisor is already restarting it (" + state + ")");
            }
            default -> {
                found.get().restart(name);
                return Optional.empty();
            }
        }
    }

    /** @return why the container is not restarted, or empty after restarting it */
    private Optional<String> restartContainer(String endpoint, String name, HealthResult result) {
        for (String key : new String[] {"state", "containerState"}) {
            Object reported = result.details().get(key);
            if (reported != null && !"running".equalsIgnoreCase(reported.toString())) {
                return Optional.of("it is " + reported.toString().toLowerCase(Locale.ROOT)
                        + ", not running: stopped on purpose or exited, left to Docker's restart policy");
            }
        }
        Optional<ContainerEngine> found = engine.apply(endpoint);
        if (found.isEmpty()) {
            return Optional.of(endpoint.equals(EngineSettings.LOCAL) ? "no container engine is available"
                    : "no container engine is available for engine '" + endpoint + "'");
        }
        Optional<Containers> containers = containersOf(found.get());
        if (containers.isPresent()) {
            // The engine's own state, where it offers one: a paused container "runs" and has stats, but the user
            // paused it on purpose, and a restarting one is already Docker's business.
            ContainerState state;
            try {
                state = containers.get().inspect(name).state();
            } catch (RuntimeException e) {
                return Optional.of("cannot tell whether it runs: " + e.getMessage());
            }
            if (!state.running() || state.paused() || state.restarting()) {
                return Optional.of("it is " + state.status().name().toLowerCase(Locale.ROOT)
                        + ", not running: stopped or paused on purpose, or exited; left to Docker's restart policy");
            }
            found.get().restart(name, STOP_TIMEOUT);
            return Optional.empty();
        }
        StatsSample sample;
        try {
            sample = found.get().stats(name);
        } catch (RuntimeException e) {
            return Optional.of("cannot tell whether it runs: " + e.getMessage());
        }
        if (sample.pids() <= 0) {
            return Optional.of("it is not running: stopped on purpose or exited, left to Docker's restart policy");
        }
        found.get().restart(name, STOP_TIMEOUT);
        return Optional.empty();
    }

    /**
     * @param runtime the target
     * @return the engine endpoint its check names with {@code engine} (a {@code docker}, {@code command},
     *     {@code memory} or {@code log-pattern} check of a container), else {@value EngineSettings#LOCAL}
     */
    static String endpoint(TargetRuntime runtime) {
        return runtime.target.check().string("engine").map(String::trim).filter(name -> !name.isEmpty())
                .orElse(EngineSettings.LOCAL);
    }

    /** @return the engine's container view, empty for an engine written before it existed */
    private static Optional<Containers> containersOf(ContainerEngine engine) {
        try {
            return Optional.of(engine.containers());
        } catch (OrbitrException e) {
            return Optional.empty();
        }
    }

    private static String describe(Remediation remediation, TargetRuntime runtime) {
        if (remediation.action() == Remediation.Action.RESTART_PROCESS) {
            return "process '" + remediation.subject() + "'";
        }
        String endpoint = endpoint(runtime);
        return "container '" + remediation.subject() + "'"
                + (endpoint.equals(EngineSettings.LOCAL) ? "" : " on engine '" + endpoint + "'");
    }

    static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds % 3600 == 0 && seconds > 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0 && seconds > 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
