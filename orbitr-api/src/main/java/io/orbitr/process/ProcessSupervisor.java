package io.orbitr.process;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Supervises native processes, each named by its {@link ProcessSpec#name()}: starts them, reads their output,
 * restarts them by policy, and stops the whole process tree. Thread-safe.
 *
 * <p>A name's output is one stream across restarts: line ids keep growing, {@link #tail(String, int)} shows the
 * lines of earlier runs too (a crash message stays readable after the restart), and a {@link #follow follower}
 * stays subscribed until the process is {@link #remove(String) removed} or the supervisor closes.
 *
 * <pre>{@code
 * ProcessSupervisor processes = orbitr.processes();
 * processes.addListener(event -> log.info("{} is {}", event.name(), event.state()));
 * processes.start(ProcessSpec.builder("jdc-1", "/opt/jdc/jd_client_sv2").args("-c", "jdc-1.toml")
 *         .stopSignal(ProcessSpec.StopSignal.INT).gracePeriod(Duration.ofSeconds(10)).build());
 * List<LogLine> last = processes.tail("jdc-1", 100);
 * processes.stop("jdc-1");
 * }</pre>
 */
public interface ProcessSupervisor {

    /**
     * Starts a process. A stopped or exited process of the same name is replaced by the new spec.
     *
     * @param spec what to run
     * @return its status right after the start
     * @throws io.orbitr.ConflictException when a process of that name is already running
     */
    ProcessStatus start(ProcessSpec spec);

    /**
     * Stops a process: the spec's stop signal, the grace period, then a kill of whatever remains of its tree.
     * Blocks until it has exited.
     *
     * @param name the process's name
     * @return its status after the stop
     * @throws io.orbitr.NotFoundException when no process has that name
     */
    ProcessStatus stop(String name);

    /**
     * Stops (when running) and starts a process with its last spec.
     *
     * @param name the process's name
     * @return its status right after the start
     */
    ProcessStatus restart(String name);

    /**
     * @param name a process's name
     * @return its status, or empty when the supervisor does not know it
     */
    Optional<ProcessStatus> status(String name);

    /** @return the status of every process the supervisor knows, by name */
    List<ProcessStatus> list();

    /**
     * @param name  a process's name
     * @param lines how many of the last lines to return
     * @return up to that many of the process's last output lines, oldest first
     * @throws io.orbitr.NotFoundException when no process has that name
     */
    List<LogLine> tail(String name, int lines);

    /**
     * @param name a process's name
     * @param from the earliest timestamp wanted, inclusive
     * @return the buffered lines read at or after {@code from}, oldest first
     * @throws io.orbitr.NotFoundException when no process has that name
     */
    default List<LogLine> since(String name, Instant from) {
        return tail(name, Integer.MAX_VALUE).stream().filter(line -> !line.timestamp().isBefore(from)).toList();
    }

    /**
     * Follows a process's output: first up to {@code replay} buffered lines, then each new line.
     *
     * @param name       a process's name
     * @param replay     how many buffered lines to send first
     * @param subscriber the receiver
     * @return the subscription
     * @throws io.orbitr.NotFoundException when no process has that name
     */
    Subscription follow(String name, int replay, StreamSubscriber<LogLine> subscriber);

    /**
     * Stops a process if it runs and forgets it.
     *
     * @param name the process's name
     */
    void remove(String name);

    /**
     * Registers a listener for the state transitions of every process, from now on.
     *
     * @param listener the listener
     * @return the handle that unregisters it
     * @throws UnsupportedOperationException when this supervisor does not report transitions
     */
    default Subscription addListener(ProcessListener listener) {
        throw new UnsupportedOperationException(getClass().getName() + " does not report process transitions");
    }
}
