package io.orbitr.docker.stream;

import com.github.dockerjava.api.model.BlkioStatEntry;
import com.github.dockerjava.api.model.BlkioStatsConfig;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.StatisticNetworksConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;
import io.orbitr.stream.StatsSample;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Computes a {@link StatsSample} from the engine's raw statistics, with the formulas {@code docker stats} uses. */
final class StatsCalculator {

    private StatsCalculator() {
    }

    /**
     * @param statistics one answer of the engine's stats endpoint
     * @return whether it describes a running container (a stopped one reads as the zero time)
     */
    static boolean isLive(Statistics statistics) {
        return readTime(statistics).isPresent();
    }

    /**
     * @param statistics one answer of the engine's stats endpoint
     * @return whether it carries the previous read ({@code precpu_stats}) its CPU figure is computed against; the
     *     first answer of a stream does not, and would read 0 % whatever the container does
     */
    static boolean hasPreviousRead(Statistics statistics) {
        CpuStatsConfig previous = statistics.getPreCpuStats();
        return previous != null && previous.getCpuUsage() != null && value(previous.getSystemCpuUsage()) > 0;
    }

    /**
     * @param statistics one answer of the engine's stats endpoint
     * @param fallback   the sample's time when the engine gave none
     * @return the sample
     */
    static StatsSample sample(Statistics statistics, Instant fallback) {
        long memoryUsed = memoryUsed(statistics.getMemoryStats());
        long memoryLimit = value(statistics.getMemoryStats() == null ? null : statistics.getMemoryStats().getLimit());
        long[] network = network(statistics.getNetworks());
        long[] block = blockIo(statistics.getBlkioStats());
        return new StatsSample(
                readTime(statistics).orElse(fallback),
                cpuPercent(statistics.getCpuStats(), statistics.getPreCpuStats()),
                memoryUsed,
                memoryLimit,
                memoryLimit > 0 ? memoryUsed * 100.0 / memoryLimit : 0,
                network[0],
                network[1],
                block[0],
                block[1],
                value(statistics.getPidsStats() == null ? null : statistics.getPidsStats().getCurrent()));
    }

    /**
     * CPU use between the previous read and this one: the container's share of the system's CPU time, times the
     * CPUs online, times 100 (so one fully used core reads 100).
     */
    static double cpuPercent(CpuStatsConfig cpu, CpuStatsConfig previous) {
        if (cpu == null || previous == null || cpu.getCpuUsage() == null || previous.getCpuUsage() == null) {
            return 0;
        }
        long previousSystem = value(previous.getSystemCpuUsage());
        if (previousSystem == 0) {
            // The first sample of a stream has no previous read: there is nothing to compare with.
            return 0;
        }
        long containerDelta = value(cpu.getCpuUsage().getTotalUsage()) - value(previous.getCpuUsage().getTotalUsage());
        long systemDelta = value(cpu.getSystemCpuUsage()) - previousSystem;
        if (containerDelta <= 0 || systemDelta <= 0) {
            return 0;
        }
        long onlineCpus = value(cpu.getOnlineCpus());
        if (onlineCpus == 0) {
            List<Long> perCpu = cpu.getCpuUsage().getPercpuUsage();
            onlineCpus = perCpu == null ? 1 : perCpu.size();
        }
        return (double) containerDelta / systemDelta * onlineCpus * 100.0;
    }

    /**
     * Memory in use without the reclaimable page cache, as {@code docker stats} (CLI 20.10 and later) computes it:
     * usage minus {@code total_inactive_file} on cgroup v1, minus {@code inactive_file} on cgroup v2. Not minus
     * {@code cache}: that counts tmpfs and /dev/shm pages, which cannot be reclaimed and are really in use.
     */
    static long memoryUsed(MemoryStatsConfig memory) {
        if (memory == null) {
            return 0;
        }
        long usage = value(memory.getUsage());
        StatsConfig stats = memory.getStats();
        if (stats == null) {
            return usage;
        }
        Long inactive = stats.getTotalInactiveFile() != null ? stats.getTotalInactiveFile() : stats.getInactiveFile();
        return inactive != null && inactive < usage ? usage - inactive : usage;
    }

    private static long[] network(Map<String, StatisticNetworksConfig> networks) {
        long rx = 0;
        long tx = 0;
        if (networks != null) {
            for (StatisticNetworksConfig network : networks.values()) {
                rx += value(network.getRxBytes());
                tx += value(network.getTxBytes());
            }
        }
        return new long[] {rx, tx};
    }

    private static long[] blockIo(BlkioStatsConfig blkio) {
        long read = 0;
        long write = 0;
        List<BlkioStatEntry> entries = blkio == null ? null : blkio.getIoServiceBytesRecursive();
        if (entries != null) {
            for (BlkioStatEntry entry : entries) {
                // cgroup v1 says Read/Write, v2 read/write.
                if ("read".equalsIgnoreCase(entry.getOp())) {
                    read += value(entry.getValue());
                } else if ("write".equalsIgnoreCase(entry.getOp())) {
                    write += value(entry.getValue());
                }
            }
        }
        return new long[] {read, write};
    }

    private static Optional<Instant> readTime(Statistics statistics) {
        String read = statistics.getRead();
        if (read == null || read.startsWith("0001-01-01")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(read));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static long value(Long value) {
        return value == null ? 0 : value;
    }
}
