package io.orbitr.core.health.check;

import io.orbitr.InvalidValueException;
import io.orbitr.MissingProviderException;
import io.orbitr.NotFoundException;
import io.orbitr.UnavailableException;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.health.CheckOption;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.OptionType;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.stream.StatsSample;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code memory} check: resident memory against a limit. Options:
 * <ul>
 *   <li>{@code process} (a supervised process: its whole tree, from {@code /proc/PID/status} VmRSS),
 *       {@code container} (the engine's figure, page cache excluded, as {@code docker stats} shows it) or
 *       {@code pid} (any host process tree) - exactly one;</li>
 *   <li>{@code engine}: with {@code container}, the engine endpoint it runs on (default {@code local});</li>
 *   <li>{@code limit} (required): DOWN at or above it, for example {@code 512m} or {@code 2GiB};</li>
 *   <li>{@code warning}: PENDING (degraded) at or above it, below the limit.</li>
 * </ul>
 * The details carry {@code usedBytes}, {@code limitBytes} and, for process trees, {@code processes}.
 */
public final class MemoryCheckProvider extends PlatformCheckProvider {
    private static final List<CheckOption> OPTIONS = List.of(
            CheckOption.optional("process", OptionType.TEXT, "", "a supervised process (or container or pid)"),
            CheckOption.optional("container", OptionType.TEXT, "", "a container's name or id"),
            CheckOption.optional("engine", OptionType.TEXT, "local", "the engine endpoint of the container"),
            CheckOption.optional("pid", OptionType.INTEGER, "", "a host process; its whole tree is counted"),
            CheckOption.required("limit", OptionType.SIZE, "DOWN at or above it, for example 512m"),
            CheckOption.optional("warning", OptionType.SIZE, "", "PENDING at or above it, below the limit"));

    @Override
    public String id() {
        return "memory";
    }

    @Override
    public List<CheckOption> options() {
        return OPTIONS;
    }

    @Override
    public HealthCheck create(CheckSpec spec) {
        CheckSubject subject = CheckSubject.of(spec, true);
        String endpoint = endpoint(spec, subject.kind() == CheckSubject.Kind.CONTAINER);
        if (!spec.options().containsKey("limit")) {
            throw new InvalidValueException("memory.limit", "", "is required, for example 512m");
        }
        long limit = spec.bytes("limit", 0);
        if (limit <= 0) {
            throw new InvalidValueException("memory.limit", spec.options().get("limit"), "must be more than 0");
        }
        long warning = spec.bytes("warning", Long.MAX_VALUE);
        if (spec.options().containsKey("warning") && warning >= limit) {
            throw new InvalidValueException("memory.warning", spec.options().get("warning"),
                    "must be below the limit " + limit + " bytes");
        }
        return () -> check(subject, endpoint, limit, warning);
    }

    private HealthResult check(CheckSubject subject, String endpoint, long limit, long warning) throws IOException {
        long used;
        int processes = -1;
        try {
            switch (subject.kind()) {
                case CONTAINER -> {
                    ContainerEngine engine = engine(endpoint);
                    StatsSample sample;
                    try {
                        sample = engine.stats(subject.name());
                    } catch (NotFoundException | UnavailableException e) {
                        return unreachable(e, endpoint);
                    }
                    used = sample.memoryUsedBytes();
                }
                case PROCESS -> {
                    Optional<ProcessStatus> status = require(ProcessSupervisor.class).status(subject.name());
                    if (status.isEmpty() || status.get().pid().isEmpty()) {
                        return HealthResult.down(status.isEmpty() ? "no supervised process is named '"
                                + subject.name() + "'" : subject + " is not running ("
                                + status.get().state().name().toLowerCase(Locale.ROOT) + ")");
                    }
                    ProcessMemory.Usage usage = ProcessMemory.ofTree(status.get().pid().getAsLong());
                    used = usage.rssBytes();
                    processes = usage.processes();
                }
                default -> {
                    ProcessMemory.Usage usage = ProcessMemory.ofTree(Long.parseLong(subject.name()));
                    used = usage.rssBytes();
                    processes = usage.processes();
                }
            }
        } catch (MissingProviderException e) {
            return HealthResult.of(HealthStatus.UNKNOWN, e.getMessage());
        }
        String figures = mib(used) + " of " + mib(limit) + " used by " + subject + onEngine(endpoint);
        HealthResult result = used >= limit ? HealthResult.down(figures + ": at or over the limit")
                : used >= warning ? HealthResult.of(HealthStatus.PENDING, figures + ": over the warning level "
                        + mib(warning))
                : HealthResult.up(figures);
        result = result.withDetail("usedBytes", used).withDetail("limitBytes", limit);
        return processes >= 0 ? result.withDetail("processes", processes) : result;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
