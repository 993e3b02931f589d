package io.orbitr.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * A container's recorded stats over one bucket (or one sample, at {@link Resolution#RAW}). Byte counters are
 * cumulative, as the engine reports them: each is the newest (largest) value in the bucket, so the traffic between
 * two points is their difference (a restart of the container starts its counters again).
 *
 * @param time             the bucket's start, or the sample's time
 * @param samples          how many samples the bucket holds
 * @param cpuPercent       mean CPU use, 100 per fully used core
 * @param cpuPercentMax    highest CPU use
 * @param memoryBytes      mean memory in use without page cache, as {@code docker stats} shows it
 * @param memoryBytesMax   highest memory in use
 * @param memoryLimitBytes the memory limit (or the host's memory when unlimited)
 * @param networkRxBytes   bytes received over all interfaces, cumulative
 * @param networkTxBytes   bytes sent over all interfaces, cumulative
 * @param blockReadBytes   bytes read from block devices, cumulative
 * @param blockWriteBytes  bytes written to block devices, cumulative
 */
public record StatsPoint(Instant time, long samples, double cpuPercent, double cpuPercentMax, long memoryBytes,
        long memoryBytesMax, long memoryLimitBytes, long networkRxBytes, long networkTxBytes, long blockReadBytes,
        long blockWriteBytes) {

    /** Refuses nulls. */
    public StatsPoint {
        Objects.requireNonNull(time, "time");
    }
}
