package io.orbitr.jdclient.health;

import io.orbitr.InvalidValueException;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.jdclient.metrics.ProcessUsage;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.ProcessSupervisor;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Compares a supervised process's resident memory (VmRSS from /proc) with a limit: UP below it, DOWN above it
 * (a leak or a runaway), UNKNOWN when the process is not running or /proc cannot be read.
 */
public final class MemoryLimitCheck implements HealthCheck {
    /** The check's name in results and history. */
    public static final String NAME = "memory";
    private final ProcessSupervisor supervisor;
    private final String processName;
    private final long limitBytes;
    private final LongFunction<Optional<ProcessUsage>> usage;

    /**
     * @param supervisor  the supervisor
     * @param processName the process's name
     * @param limitBytes  the most resident memory that counts as healthy
     * @param usage       reads a pid's usage ({@link ProcessUsage#read(long)} outside tests)
     */
    public MemoryLimitCheck(ProcessSupervisor supervisor, String processName, long limitBytes,
            LongFunction<Optional<ProcessUsage>> usage) {
        this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
        this.processName = Objects.requireNonNull(processName, "processName");
        this.usage = Objects.requireNonNull(usage, "usage");
        if (limitBytes < 1) {
            throw new InvalidValueException("memoryLimitBytes", limitBytes, "must be positive");
        }
        this.limitBytes = limitBytes;
    }

    @Override
    public HealthResult check() {
        Optional<Long> pid = supervisor.status(processName).filter(ProcessStatus::alive)
                .flatMap(s -> s.pid().isPresent() ? Optional.of(s.pid().getAsLong()) : Optional.empty());
        if (pid.isEmpty()) {
            return HealthResult.of(HealthStatus.UNKNOWN, "not running");
        }
        Optional<ProcessUsage> read = usage.apply(pid.get());
        if (read.isEmpty()) {
            return HealthResult.of(HealthStatus.UNKNOWN, "cannot read /proc/" + pid.get());
        }
        long rss = read.get().rssBytes();
        HealthStatus status = rss <= limitBytes ? HealthStatus.UP : HealthStatus.DOWN;
        return HealthResult.of(status, String.format("%.1f MiB of %.1f MiB", rss / 1048576.0, limitBytes / 1048576.0))
                .withDetail("rssBytes", rss).withDetail("limitBytes", limitBytes);
    }
}
