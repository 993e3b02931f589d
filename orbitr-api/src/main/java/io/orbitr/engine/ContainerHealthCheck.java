package io.orbitr.engine;

import io.orbitr.InvalidValueException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A container's own health check (Docker's {@code HEALTHCHECK}): the engine runs the test inside the container
 * every interval and reports the container healthy, unhealthy or starting.
 *
 * <pre>{@code
 * ContainerHealthCheck.shell("wget -q -O- http://127.0.0.1:8080/ || exit 1")
 *         .every(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(3)).retries(3)
 * }</pre>
 *
 * @param test        the test in the engine's form: {@code CMD-SHELL cmd}, {@code CMD arg...}, or {@code NONE}
 * @param interval    the time between two runs
 * @param timeout     how long one run may take before it counts as failed
 * @param startPeriod a grace period after start during which failures do not count
 * @param retries     how many consecutive failures make the container unhealthy
 */
public record ContainerHealthCheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
        int retries) {
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The engine refuses shorter intervals and timeouts. */
    private static final Duration MINIMUM = Duration.ofMillis(1);

    /** Validates the check. */
    public ContainerHealthCheck {
        test = List.copyOf(test);
        if (test.isEmpty() || !List.of("CMD", "CMD-SHELL", "NONE").contains(test.get(0))) {
            throw new InvalidValueException("health check test", test, "must start with CMD, CMD-SHELL or NONE");
        }
        if (!test.get(0).equals("NONE") && test.size() < 2) {
            throw new InvalidValueException("health check test", test, "must name a command");
        }
        requireAtLeast("health check interval", interval, MINIMUM);
        requireAtLeast("health check timeout", timeout, MINIMUM);
        Objects.requireNonNull(startPeriod, "startPeriod");
        if (startPeriod.isNegative()) {
            throw new InvalidValueException("health check start period", startPeriod, "must not be negative");
        }
        if (retries < 1) {
            throw new InvalidValueException("health check retries", retries, "must be at least 1");
        }
    }

    /**
     * @param command a shell command; exit 0 means healthy
     * @return a check that runs it with {@code /bin/sh -c}, with the engine's defaults (every 30 s, 3 retries)
     */
    public static ContainerHealthCheck shell(String command) {
        return new ContainerHealthCheck(List.of("CMD-SHELL", EngineValues.requireText("health check command", command)),
                DEFAULT_INTERVAL, DEFAULT_TIMEOUT, Duration.ZERO, 3);
    }

    /**
     * @param command a command and its arguments, run without a shell; exit 0 means healthy
     * @return a check with the engine's defaults
     */
    public static ContainerHealthCheck command(String... command) {
        List<String> test = new ArrayList<>();
        test.add("CMD");
        test.addAll(List.of(command));
        return new ContainerHealthCheck(test, DEFAULT_INTERVAL, DEFAULT_TIMEOUT, Duration.ZERO, 3);
    }

    /** @return a check that turns off the image's own {@code HEALTHCHECK} */
    public static ContainerHealthCheck disabled() {
        return new ContainerHealthCheck(List.of("NONE"), DEFAULT_INTERVAL, DEFAULT_TIMEOUT, Duration.ZERO, 1);
    }

    /**
     * @param value the time between two runs
     * @return a copy with this interval
     */
    public ContainerHealthCheck every(Duration value) {
        return new ContainerHealthCheck(test, value, timeout, startPeriod, retries);
    }

    /**
     * @param value how long one run may take
     * @return a copy with this timeout
     */
    public ContainerHealthCheck timeout(Duration value) {
        return new ContainerHealthCheck(test, interval, value, startPeriod, retries);
    }

    /**
     * @param value the grace period after start
     * @return a copy with this start period
     */
    public ContainerHealthCheck startPeriod(Duration value) {
        return new ContainerHealthCheck(test, interval, timeout, value, retries);
    }

    /**
     * @param value how many consecutive failures make the container unhealthy
     * @return a copy with this retry count
     */
    public ContainerHealthCheck retries(int value) {
        return new ContainerHealthCheck(test, interval, timeout, startPeriod, value);
    }

    private static void requireAtLeast(String field, Duration value, Duration minimum) {
        Objects.requireNonNull(value, field);
        if (value.compareTo(minimum) < 0) {
            throw new InvalidValueException(field, value, "must be at least " + minimum.toMillis() + " ms");
        }
    }
}
