package io.orbitr.metrics;

import java.time.Instant;
import java.util.List;

/**
 * The recorded stats of containers: every {@link StatsHistorySettings#interval()} (10 s by default) the platform
 * samples each running container of the local engine (CPU %, memory without page cache, network and block I/O) into
 * the {@link TimeSeries} under kind {@value #KIND}, the source being the container's full id. A container labelled
 * {@code io.orbitr.stats=false} is skipped. Samples are kept {@link StatsHistorySettings#retention()} (7 days by
 * default). Reached through {@code orbitr.statsHistory()} or {@code lookup(StatsHistory.class)}.
 *
 * <pre>{@code
 * StatsHistory stats = orbitr.statsHistory();
 * Instant now = Instant.now();
 * for (StatsPoint p : stats.history("web-1", Resolution.MINUTE, now.minus(Duration.ofHours(1)), now)) {
 *     System.out.printf("%s %.1f%% %d bytes%n", p.time(), p.cpuPercent(), p.memoryBytes());
 * }
 * }</pre>
 */
public interface StatsHistory {
    /** The series kind of container stats. */
    String KIND = "container";
    /** The label that, set to {@code false}, keeps a container out of the history. */
    String LABEL = "io.orbitr.stats";
    /** CPU use, 100 per fully used core. */
    String CPU_PERCENT = "cpu_percent";
    /** Memory in use without page cache. */
    String MEMORY_BYTES = "memory_bytes";
    /** The memory limit. */
    String MEMORY_LIMIT_BYTES = "memory_limit_bytes";
    /** Bytes received, cumulative. */
    String NETWORK_RX_BYTES = "network_rx_bytes";
    /** Bytes sent, cumulative. */
    String NETWORK_TX_BYTES = "network_tx_bytes";
    /** Bytes read from block devices, cumulative. */
    String BLOCK_READ_BYTES = "block_read_bytes";
    /** Bytes written to block devices, cumulative. */
    String BLOCK_WRITE_BYTES = "block_write_bytes";

    /** @return the settings in force (stored ones, else those the platform was built with) */
    StatsHistorySettings settings();

    /**
     * Changes the interval and retention, stores them so the next start uses them, and applies them at once.
     *
     * @param settings the new settings
     */
    void configure(StatsHistorySettings settings);

    /**
     * @param container  a container's name, id or id prefix (resolved through the engine), or the full id of a
     *                   container that is gone but still has history
     * @param resolution {@link Resolution#RAW} for every sample, else the bucket size
     * @param from       the range's start, inclusive
     * @param to         the range's end, exclusive
     * @return one point per sample or per bucket holding samples, oldest first
     * @throws io.orbitr.NotFoundException when the engine knows no such container and no history has its id
     * @throws io.orbitr.InvalidValueException when the range is empty or too many raw samples
     */
    List<StatsPoint> history(String container, Resolution resolution, Instant from, Instant to);

    /**
     * Samples every running container once, now, whatever the interval: what the schedule runs each tick.
     *
     * @return how many containers were recorded
     * @throws io.orbitr.UnavailableException when the engine cannot be reached
     */
    int recordNow();
}
