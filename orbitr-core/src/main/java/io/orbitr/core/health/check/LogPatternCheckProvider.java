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
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.stream.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code log-pattern} check: counts lines matching an error and a warning pattern in the recent log of a
 * supervised {@code process} or a {@code container}. Options:
 * <ul>
 *   <li>{@code process} or {@code container} (exactly one);</li>
 *   <li>{@code engine}: with {@code container}, the engine endpoint it runs on (default {@code local});</li>
 *   <li>{@code error} and/or {@code warning}: regular expressions searched in each line (a line matching both
 *       counts as an error);</li>
 *   <li>{@code lines}: how many of the last lines to read (default 200, at most 10,000);</li>
 *   <li>{@code window}: only lines written within this time, for example {@code 5m} (default: all lines read);</li>
 *   <li>{@code error-threshold}: DOWN when at least this many error lines (default 1);</li>
 *   <li>{@code warning-threshold}: PENDING (degraded) when at least this many warning lines (default 1).</li>
 * </ul>
 * Otherwise UP. The details carry {@code errors}, {@code warnings}, {@code scanned} and the last matching line.
 */
public final class LogPatternCheckProvider extends PlatformCheckProvider {
    private static final List<CheckOption> OPTIONS = List.of(
            CheckOption.optional("process", OptionType.TEXT, "", "a supervised process (or give container)"),
            CheckOption.optional("container", OptionType.TEXT, "", "a container's name or id (or give process)"),
            CheckOption.optional("engine", OptionType.TEXT, "local", "the engine endpoint of the container"),
            CheckOption.optional("error", OptionType.PATTERN, "", "a line matching it is an error line"),
            CheckOption.optional("warning", OptionType.PATTERN, "", "a line matching it is a warning line"),
            CheckOption.optional("lines", OptionType.INTEGER, "200", "how many of the last lines to read"),
            CheckOption.optional("window", OptionType.DURATION, "", "only lines written within this time"),
            CheckOption.optional("error-threshold", OptionType.INTEGER, "1", "DOWN at this many error lines"),
            CheckOption.optional("warning-threshold", OptionType.INTEGER, "1", "PENDING at this many warning lines"));

    @Override
    public String id() {
        return "log-pattern";
    }

    @Override
    public List<CheckOption> options() {
        return OPTIONS;
    }

    @Override
    public HealthCheck create(CheckSpec spec) {
        CheckSubject subject = CheckSubject.of(spec, false);
        String endpoint = endpoint(spec, subject.kind() == CheckSubject.Kind.CONTAINER);
        Optional<Pattern> error = spec.pattern("error");
        Optional<Pattern> warning = spec.pattern("warning");
        if (error.isEmpty() && warning.isEmpty()) {
            throw new InvalidValueException("log-pattern.error", "", "give an error or a warning pattern, or both");
        }
        int lines = spec.integer("lines", 200, 1, 10_000);
        Optional<Duration> window = spec.options().containsKey("window")
                ? Optional.of(spec.duration("window", Duration.ZERO)) : Optional.empty();
        int errorThreshold = spec.integer("error-threshold", 1, 1, 10_000);
        int warningThreshold = spec.integer("warning-threshold", 1, 1, 10_000);
        Rules rules = new Rules(error, warning, errorThreshold, warningThreshold);
        return () -> check(subject, endpoint, lines, window, rules);
    }

    private HealthResult check(CheckSubject subject, String endpoint, int count, Optional<Duration> window,
            Rules rules) {
        List<LogLine> lines;
        try {
            if (subject.kind() == CheckSubject.Kind.PROCESS) {
                lines = require(ProcessSupervisor.class).tail(subject.name(), count);
            } else {
                ContainerEngine engine = engine(endpoint);
                try {
                    lines = engine.recentLogs(subject.name(), count);
                } catch (NotFoundException | UnavailableException e) {
                    return unreachable(e, endpoint);
                }
            }
        } catch (MissingProviderException e) {
            return HealthResult.of(HealthStatus.UNKNOWN, e.getMessage());
        }
        Instant since = window.map(w -> clock().instant().minus(w)).orElse(Instant.MIN);
        int errors = 0;
        int warnings = 0;
        int scanned = 0;
        String lastError = "";
        String lastWarning = "";
        for (LogLine line : lines) {
            if (line.timestamp().isBefore(since)) {
                continue;
            }
            scanned++;
            if (rules.error.isPresent() && rules.error.get().matcher(line.text()).find()) {
                errors++;
                lastError = line.text();
            } else if (rules.warning.isPresent() && rules.warning.get().matcher(line.text()).find()) {
                warnings++;
                lastWarning = line.text();
            }
        }
        String counts = errors + " error and " + warnings + " warning lines in the last " + scanned + " of "
                + subject + onEngine(endpoint);
        HealthResult result;
        if (errors >= rules.errorThreshold) {
            result = HealthResult.down(counts + "; last: " + abbreviate(lastError));
        } else if (rules.warning.isPresent() && warnings >= rules.warningThreshold) {
            result = HealthResult.of(HealthStatus.PENDING, counts + " (degraded); last: " + abbreviate(lastWarning));
        } else {
            result = HealthResult.up(counts);
        }
        result = result.withDetail("errors", errors).withDetail("warnings", warnings).withDetail("scanned", scanned);
        if (!lastError.isEmpty()) {
            result = result.withDetail("lastError", abbreviate(lastError));
        }
        if (!lastWarning.isEmpty()) {
            result = result.withDetail("lastWarning", abbreviate(lastWarning));
        }
        return result;
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }

    /** The patterns and thresholds of one check. */
    private record Rules(Optional<Pattern> error, Optional<Pattern> warning, int errorThreshold,
            int warningThreshold) {
    }
}
