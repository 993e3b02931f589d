package io.orbitr.core.health.check;

import io.orbitr.MissingProviderException;
import io.orbitr.health.CheckOption;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.OptionType;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.ProcessSupervisor;
import java.util.List;
import java.util.Optional;

/**
 * The {@code process} check: a process of the platform's supervisor, named by the option {@code process}, is alive.
 * RUNNING is UP (when its pid is really alive); STARTING and BACKOFF (waiting to restart) are PENDING; STOPPING,
 * STOPPED, EXITED and FAILED are DOWN; an unknown name is DOWN. The details carry {@code state}, {@code pid},
 * {@code restarts} and {@code exitCode}.
 */
public final class ProcessCheckProvider extends PlatformCheckProvider {
    private static final List<CheckOption> OPTIONS = List.of(
            CheckOption.required("process", OptionType.TEXT, "the supervised process's name"));

    @Override
    public String id() {
        return "process";
    }

    @Override
    public List<CheckOption> options() {
        return OPTIONS;
    }

    @Override
    public HealthCheck create(CheckSpec spec) {
        String name = spec.requireString("process").trim();
        return () -> check(name);
    }

    private HealthResult check(String name) {
        ProcessSupervisor supervisor;
        try {
            supervisor = require(ProcessSupervisor.class);
        } catch (MissingProviderException e) {
            return HealthResult.of(HealthStatus.UNKNOWN, e.getMessage());
        }
        Optional<ProcessStatus> found = supervisor.status(name);
        if (found.isEmpty()) {
            return HealthResult.down("no supervised process is named '" + name + "'");
        }
        ProcessStatus status = found.get();
        String exit = status.exitCode().isPresent() ? " with code " + status.exitCode().getAsInt() : "";
        String why = status.message().isBlank() ? "" : ": " + status.message();
        HealthResult result = switch (status.state()) {
            case RUNNING -> status.pid().isPresent() && !pidAlive(status.pid().getAsLong())
                    ? HealthResult.down("pid " + status.pid().getAsLong() + " is gone")
                    : HealthResult.up("running" + (status.pid().isPresent() ? " as pid " + status.pid().getAsLong()
                            : ""));
            case STARTING -> HealthResult.of(HealthStatus.PENDING, "starting");
            case BACKOFF -> HealthResult.of(HealthStatus.PENDING, "exited" + exit + ", restarting" + why);
            case STOPPING -> HealthResult.down("stopping");
            case STOPPED -> HealthResult.down("stopped" + why);
            case EXITED -> HealthResult.down("exited" + exit + why);
            case FAILED -> HealthResult.down("failed" + why);
        };
        result = result.withDetail("state", status.state().name()).withDetail("restarts", status.restarts());
        if (status.pid().isPresent()) {
            result = result.withDetail("pid", status.pid().getAsLong());
        }
        if (status.exitCode().isPresent()) {
            result = result.withDetail("exitCode", status.exitCode().getAsInt());
        }
        return result;
    }

    private static boolean pidAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
