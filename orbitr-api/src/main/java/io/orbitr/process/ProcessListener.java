package io.orbitr.process;

/**
 * Receives the state transitions of supervised processes, for example to count restarts or record exit codes.
 *
 * <p>Events arrive in the order they happened, one at a time, on a thread of the supervisor's own; never on the
 * caller's thread. A listener must be fast and must not block: a slow listener delays the events of the others.
 * An exception thrown by a listener is logged and ignored.
 */
@FunctionalInterface
public interface ProcessListener {

    /**
     * Called for each state transition of every process of the supervisor.
     *
     * @param event the transition
     */
    void onEvent(ProcessEvent event);
}
