package io.orbitr.extension;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A Compose {@code healthcheck}, run by the engine inside the container.
 *
 * @param test        {@code [CMD, ...]}, {@code [CMD-SHELL, "..."]} or {@code [NONE]}
 * @param interval    time between runs
 * @param timeout     how long one run may take
 * @param startPeriod failures during this period do not count
 * @param retries     consecutive failures before unhealthy
 */
public record ServiceHealthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
        int retries) {
    /** Checks for nulls and freezes the test. */
    public ServiceHealthcheck {
        test = Values.list("test", test);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(startPeriod, "startPeriod");
    }
}
