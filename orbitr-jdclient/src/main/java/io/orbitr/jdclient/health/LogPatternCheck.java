package io.orbitr.jdclient.health;

import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.jdclient.log.JdcLogLine;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.stream.LogLine;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a jd-client process's latest output lines and reports the status implied by the newest line that carries
 * a {@link LogSignal}: UP after {@code ready}/{@code connected}, PENDING while starting, waiting for templates or
 * retrying upstreams, DOWN after a fatal line (all upstreams failed, template provider unreachable, bind failure,
 * certificate refused, panic, shutdown). UNKNOWN when no recent line says anything.
 */
public final class LogPatternCheck implements HealthCheck {
    /** The check's name in results and history. */
    public static final String NAME = "log-pattern";
    private final ProcessSupervisor supervisor;
    private final String processName;
    private final int window;

    /**
     * @param supervisor  the supervisor that buffers the process's output
     * @param processName the process's name
     * @param window      how many of the latest lines to read
     */
    public LogPatternCheck(ProcessSupervisor supervisor, String processName, int window) {
        this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
        this.processName = Objects.requireNonNull(processName, "processName");
        this.window = window;
    }

    @Override
    public HealthResult check() {
        List<LogLine> lines = supervisor.tail(processName, window);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String text = lines.get(i).text();
            String message = JdcLogLine.parse(text).map(JdcLogLine::message).orElse(text);
            Optional<LogSignal> signal = LogSignal.of(message);
            if (signal.isPresent()) {
                return HealthResult.of(signal.get().status(), signal.get().meaning())
                        .withDetail("signal", signal.get().name()).withDetail("line", text)
                        .withDetail("lineTimestamp", lines.get(i).timestamp().toString());
            }
        }
        return HealthResult.of(HealthStatus.UNKNOWN, lines.isEmpty() ? "no output yet"
                : "none of the last " + lines.size() + " lines says how jd-client is doing");
    }
}
