package io.orbitr.examples.bench;

import io.orbitr.OrbitrException;
import java.lang.management.ManagementFactory;

/**
 * The CPU time of this whole process (every thread: the store's writer and the garbage collector too), a figure that,
 * unlike wall time, does not depend on what else the machine runs.
 */
final class ProcessCpu {
    private ProcessCpu() {
    }

    /** @return the process's CPU time so far, in nanoseconds */
    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new OrbitrException("this JVM does not report its CPU time");
    }
}
