package io.orbitr.jdclient.health;

import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.ProcessSupervisor;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a supervised process is alive: UP while RUNNING, PENDING while STARTING or STOPPING, DOWN otherwise
 * (backing off before a restart, exited, stopped, failed, or unknown to the supervisor).
 */
public final class ProcessAliveCheck implements HealthCheck {
    /** The check's name in results and history. */
    public static final String NAME = "process";
    private final ProcessSupervisor supervisor;
    private final String processName;

    /**
     * @param supervisor  the supervisor
     * @param processName the process's name
     */
    public ProcessAliveCheck(ProcessSupervisor supervisor, String processName) {
        this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
        this.processName = Objects.requireNonNull(processName, "processName");
    }

    @Override
    public HealthResult check() {
        Optional<ProcessStatus> found = supervisor.status(processName);
        if (found.isEmpty()) {
            return HealthResult.down("not started");
        }
        ProcessStatus status = found.get();
        HealthStatus verdict = switch (status.state()) {
            case RUNNING -> HealthStatus.UP;
            case STARTING, STOPPING -> HealthStatus.PENDING;
            default -> HealthStatus.DOWN;
        };
        String message = status.state().name().toLowerCase(Locale.ROOT)
                + status.exitCode().stream().mapToObj(c -> ", last exit code " + c).findFirst().orElse("")
                + (status.message().isEmpty() ? "" : ": " + status.message());
        HealthResult result = HealthResult.of(verdict, message).withDetail("state", status.state().name())
                .withDetail("restarts", status.restarts());
        if (status.pid().isPresent()) {
            result = result.withDetail("pid", status.pid().getAsLong());
        }
        return result;
    }
}
