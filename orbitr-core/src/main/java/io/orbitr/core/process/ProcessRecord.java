package io.orbitr.core.process;

import io.orbitr.process.ProcessSpec.StopSignal;
import java.time.Duration;
import java.time.Instant;

/**
 * What the store remembers of one run of a supervised program, enough to find it after the host died and to stop
 * it the way its spec says.
 *
 * @param name         the program's name
 * @param runToken     a random token for this run, also put into the program's environment as {@value
 *                     #TOKEN_VARIABLE}: it finds the run when the host died between the start and the recording of
 *                     the pid, and tells the run's rows apart from those of a newer run of the same name
 * @param pid          the program's pid; 0 while it is being launched
 * @param processGroup the process group it leads (its pid when it runs in a group of its own), 0 while launching
 * @param startTicks   its start time, field 22 of {@code /proc/PID/stat}; 0 while launching
 * @param bootId       the boot it was started in
 * @param stopSignal   its stop signal
 * @param gracePeriod  how long it gets after the stop signal before it and its group are killed
 * @param startedAt    when it was started
 */
record ProcessRecord(String name, String runToken, long pid, long processGroup, long startTicks, String bootId,
        StopSignal stopSignal, Duration gracePeriod, Instant startedAt) {

    /** The environment variable that carries the run token into the program and everything it starts. */
    static final String TOKEN_VARIABLE = "ORBITR_PROCESS_RUN";

    /** @return whether the host died before it recorded the pid */
    boolean launching() {
        return pid == 0;
    }

    /** @return the same run, launched */
    ProcessRecord launched(ProcStat stat) {
        return new ProcessRecord(name, runToken, stat.pid(), stat.group(), stat.startTime(), bootId, stopSignal,
                gracePeriod, startedAt);
    }

    /** @return "pid P, group G" or "pid not recorded yet", for log lines */
    String describe() {
        return launching() ? "pid not recorded yet" : "pid " + pid + ", process group " + processGroup;
    }
}
