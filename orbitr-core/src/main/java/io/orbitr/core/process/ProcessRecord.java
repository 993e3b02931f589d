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
 * @param host         the JVM that started it (pid and start time): while that host lives, its rows are its own,
 *                     even when another host shares the store
 */
record ProcessRecord(String name, String runToken, long pid, long processGroup, long startTicks, String bootId,
        StopSignal stopSignal, Duration gracePeriod, Instant startedAt, Host host) {

    /**
     * A JVM that supervises programs, identified like them by its pid and start time.
     *
     * @param pid        its pid
     * @param startTicks its start time in clock ticks since boot; 0 where /proc cannot tell
     */
    record Host(long pid, long startTicks) {
        /** @return this JVM */
        static Host current() {
            long pid = ProcessHandle.current().pid();
            return new Host(pid, ProcStat.read(pid).map(ProcStat::startTime).orElse(0L));
        }

        /** @return whether this host still runs (in the current boot; the caller checks the boot id) */
        boolean alive() {
            return startTicks != 0 && ProcStat.read(pid).map(stat -> !stat.dead() && stat.startTime() == startTicks)
                    .orElse(false);
        }
    }

    /** The environment variable that carries the run token into the program and everything it starts. */
    static final String TOKEN_VARIABLE = "ORBITR_PROCESS_RUN";

    /** @return whether the host died before it recorded the pid */
    boolean launching() {
        return pid == 0;
    }

    /** @return the same run, launched */
    ProcessRecord launched(ProcStat stat) {
        return new ProcessRecord(name, runToken, stat.pid(), stat.group(), stat.startTime(), bootId, stopSignal,
                gracePeriod, startedAt, host);
    }

    /** @return "pid P, group G" or "pid not recorded yet", for log lines */
    String describe() {
        return launching() ? "pid not recorded yet" : "pid " + pid + ", process group " + processGroup;
    }
}
