package io.orbitr.process;

/**
 * The life cycle of a supervised process, as supervisord names it.
 *
 * <pre>
 * STARTING --(start period survived)--> RUNNING
 * STARTING, RUNNING --(stop)--> STOPPING --> STOPPED
 * STARTING, RUNNING --(exit, no restart)--> EXITED
 * STARTING, RUNNING --(exit, restart due)--> BACKOFF --(delay)--> STARTING
 * STARTING, RUNNING --(too many failures in the window)--> FAILED
 * BACKOFF --(stop)--> STOPPED
 * </pre>
 */
public enum ProcessState {
    /** Started, but not yet running for the spec's start period. */
    STARTING,
    /** Running for at least the start period. */
    RUNNING,
    /** Asked to stop: the stop signal was sent, the grace period runs. */
    STOPPING,
    /** Stopped on request. */
    STOPPED,
    /** Exited on its own and will not be restarted (policy or exit code). */
    EXITED,
    /** Exited (or could not be started) and waiting for the restart delay. */
    BACKOFF,
    /** Gave up: too many failures inside the restart window, or the program could not be started at all. */
    FAILED;

    /** @return whether a process in this state has a live operating-system process (starting, running, stopping) */
    public boolean isAlive() {
        return this == STARTING || this == RUNNING || this == STOPPING;
    }

    /** @return whether the supervisor will do nothing more on its own (stopped, exited or failed) */
    public boolean isSettled() {
        return this == STOPPED || this == EXITED || this == FAILED;
    }
}
