/**
 * The platform's native process supervisor. {@link io.orbitr.core.process.LocalProcessSupervisor} is the entry
 * point; per process, {@code SupervisedProcess} holds the state machine and {@code ProcessRun} one run of it.
 * Output: {@code OutputReader} (one per pipe) -> {@code ProcessOutput} (ids, timestamps) -> {@code LogRing},
 * {@code RotatingLogFile} and each {@code LogFollower}'s bounded queue. Stopping: {@code ProcessTree} with
 * {@code Signals}. Restarts: {@code FailureWindow} with the spec's {@link io.orbitr.process.RestartPolicy}.
 * Starting: {@code ProcessLauncher}. Transitions to listeners: {@code ProcessEvents}. Crash recovery: each run is
 * a {@code ProcessRecord} in the store ({@code ProcessRecords}, table of {@link io.orbitr.core.process.ProcessSchema}),
 * identified by {@code ProcStat} facts (pid, group, start time), {@code BootId} and its token ({@code RunTokens});
 * {@code SurvivorRecovery} stops at start what a dead host left, reported as
 * {@link io.orbitr.core.process.StoppedSurvivor}s.
 */
package io.orbitr.core.process;
