package io.orbitr.stream;

import java.time.Instant;
import java.util.Objects;

/**
 * One resource-usage sample of a container or process.
 *
 * @param timestamp        when it was read
 * @param cpuPercent       CPU use since the previous sample, 100 per fully used core (docker stats' formula)
 * @param memoryUsedBytes  memory in use without page cache, as {@code docker stats} shows it
 * @param memoryLimitBytes the memory limit, or the host's memory when unlimited
 * @param memoryPercent    used over limit, times 100
 * @param networkRxBytes   bytes received over all interfaces
 * @param networkTxBytes   bytes sent over all interfaces
 * @param blockReadBytes   bytes read from block devices
 * @param blockWriteBytes  bytes written to block devices
 * @param pids             processes or threads
 */
public record StatsSample(Instant timestamp, double cpuPercent, long memoryUsedBytes, long memoryLimitBytes,
        double memoryPercent, long networkRxBytes, long networkTxBytes, long blockReadBytes, long blockWriteBytes,
        long pids) {

    /** Refuses nulls. */
    public StatsSample {
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
