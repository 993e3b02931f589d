/**
 * The platform's native process supervisor. {@link io.orbitr.core.process.LocalProcessSupervisor} is the entry
 * point; per process, {@code SupervisedProcess} holds the state machine and {@code ProcessRun} one run of it.
 * Output: {@code OutputReader} (one per pipe) -> {@code ProcessOutput} (ids, timestamps) -> {@code LogRing},
 * {@code RotatingLogFile} and each {@code LogFollower}'s bounded queue. Stopping: {@code ProcessTree} with
 * {@code Signals}. Restarts: {@code FailureWindow} with the spec's {@link io.orbitr.process.RestartPolicy}.
 * Starting: {@code ProcessLauncher}. Transitions to listeners: {@code ProcessEvents}.
 */
package io.orbitr.core.process;
