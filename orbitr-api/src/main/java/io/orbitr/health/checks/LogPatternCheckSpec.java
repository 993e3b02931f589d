package io.orbitr.health.checks;

import io.orbitr.health.CheckSpec;
import java.time.Duration;
import java.util.Map;

/**
 * A {@code log-pattern} check, typed: counts error and warning lines in the recent log of a supervised process or a
 * container.
 *
 * <pre>{@code
 * CheckSpec spec = LogPatternCheckSpec.ofProcess("jd-client-1").error("ERROR|panic").window(Duration.ofMinutes(5))
 *         .toSpec();
 * }</pre>
 */
public final class LogPatternCheckSpec {
    private final Map<String, Object> options;

    private LogPatternCheckSpec(Map<String, Object> options) {
        this.options = options;
    }

    /**
     * @param name a supervised process's name
     * @return a check of its log; give an {@link #error(String)} or {@link #warning(String)} pattern
     */
    public static LogPatternCheckSpec ofProcess(String name) {
        return new LogPatternCheckSpec(SpecOptions.of("process", name));
    }

    /**
     * @param container a container's name or id
     * @return a check of its log; give an {@link #error(String)} or {@link #warning(String)} pattern
     */
    public static LogPatternCheckSpec ofContainer(String container) {
        return new LogPatternCheckSpec(SpecOptions.of("container", container));
    }

    /**
     * @param regex a line matching it is an error line
     * @return a copy with that pattern
     */
    public LogPatternCheckSpec error(String regex) {
        return with("error", regex);
    }

    /**
     * @param regex a line matching it (and not the error pattern) is a warning line
     * @return a copy with that pattern
     */
    public LogPatternCheckSpec warning(String regex) {
        return with("warning", regex);
    }

    /**
     * @param lines how many of the last lines are read (default 200, at most 10,000)
     * @return a copy with that count
     */
    public LogPatternCheckSpec lines(int lines) {
        return with("lines", lines);
    }

    /**
     * @param window only lines written within it count (default: every line read)
     * @return a copy with that window
     */
    public LogPatternCheckSpec window(Duration window) {
        return with("window", window.toMillis());
    }

    /**
     * @param count DOWN at this many error lines (default 1)
     * @return a copy with that threshold
     */
    public LogPatternCheckSpec errorThreshold(int count) {
        return with("error-threshold", count);
    }

    /**
     * @param count PENDING (degraded) at this many warning lines (default 1)
     * @return a copy with that threshold
     */
    public LogPatternCheckSpec warningThreshold(int count) {
        return with("warning-threshold", count);
    }

    /**
     * @param endpoint the engine endpoint the container runs on (default {@code local}); only with a container
     * @return a copy asking that endpoint
     */
    public LogPatternCheckSpec onEngine(String endpoint) {
        return with("engine", endpoint);
    }

    /** @return the spec, as a host could have written it by hand */
    public CheckSpec toSpec() {
        return new CheckSpec("log-pattern", options);
    }

    private LogPatternCheckSpec with(String name, Object value) {
        return new LogPatternCheckSpec(SpecOptions.with(options, name, value));
    }
}
