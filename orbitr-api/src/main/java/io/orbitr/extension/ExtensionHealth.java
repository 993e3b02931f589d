package io.orbitr.extension;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an extension's health is watched.
 *
 * @param startPeriod how long the main service may take to become healthy after a start, install or upgrade
 * @param interval    the interval of the default checks
 * @param checks      the checks; when empty, the defaults: the {@code docker} check of the main service, plus an
 *                    {@code http} check of its internal port when the route is HTTP
 */
public record ExtensionHealth(Duration startPeriod, Duration interval, List<ExtensionCheck> checks) {
    /** The defaults: 60 s start period, 30 s interval, default checks. */
    public static final ExtensionHealth DEFAULT = new ExtensionHealth(Duration.ofSeconds(60), Duration.ofSeconds(30),
            List.of());

    /** Checks for nulls and freezes the checks. */
    public ExtensionHealth {
        Objects.requireNonNull(startPeriod, "startPeriod");
        Objects.requireNonNull(interval, "interval");
        checks = Values.list("checks", checks);
    }
}
