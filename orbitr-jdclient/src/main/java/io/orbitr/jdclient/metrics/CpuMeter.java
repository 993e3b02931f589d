package io.orbitr.jdclient.metrics;

import java.util.OptionalDouble;

/**
 * Turns successive CPU-time readings of one process into a CPU percentage (100 per fully used core, as top and
 * docker stats show it). Starts over when the pid changes. One meter per process; thread-safe.
 */
public final class CpuMeter {
    private long pid = -1;
    private long ticks;
    private long millis;

    /**
     * @param usage     a reading
     * @param nowMillis when it was taken
     * @return the CPU percentage since the previous reading of the same process, or empty for the first one
     */
    public synchronized OptionalDouble percent(ProcessUsage usage, long nowMillis) {
        OptionalDouble out = OptionalDouble.empty();
        if (usage.pid() == pid && nowMillis > millis && usage.cpuTicks() >= ticks) {
            double cpuSeconds = (double) (usage.cpuTicks() - ticks) / ProcessUsage.TICKS_PER_SECOND;
            out = OptionalDouble.of(100.0 * cpuSeconds / ((nowMillis - millis) / 1000.0));
        }
        pid = usage.pid();
        ticks = usage.cpuTicks();
        millis = nowMillis;
        return out;
    }
}
