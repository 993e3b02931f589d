package io.orbitr.process;

/** The life cycle of a supervised process, as supervisord names it. */
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
    /** Exited and waiting for the restart delay. */
    BACKOFF,
    /** Gave up: too many failures inside the restart window. */
    FAILED
}
