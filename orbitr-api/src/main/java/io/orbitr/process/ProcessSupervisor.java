package io.orbitr.process;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.util.List;
import java.util.Optional;

/**
 * Supervises native processes, each named by its {@link ProcessSpec#name()}: starts them, reads their output,
 * restarts them by policy, and stops the whole process tree. Thread-safe.
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
     */
    List<LogLine> tail(String name, int lines);

    /**
     * Follows a process's output: first up to {@code replay} buffered lines, then each new line.
     *
     * @param name       a process's name
     * @param replay     how many buffered lines to send first
     * @param subscriber the receiver
     * @return the subscription
     */
    Subscription follow(String name, int replay, StreamSubscriber<LogLine> subscriber);

    /**
     * Stops a process if it runs and forgets it.
     *
     * @param name the process's name
     */
    void remove(String name);
}
