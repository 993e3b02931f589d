package io.orbitr.health;

/**
 * The state of a monitored target, with Uptime Kuma's meaning. {@link #severity()} orders them so that an
 * aggregate takes the worst.
 */
public enum HealthStatus {
    /** The last check succeeded. */
    UP(0),
    /** Monitoring is paused (maintenance): no checks run, no notifications are sent. */
    PAUSED(1),
    /** No result yet, or the result could not be determined. */
    UNKNOWN(2),
    /** The check failed but retries remain, or the target is starting. */
    PENDING(3),
    /** The check failed and no retries remain. */
    DOWN(4);

    private final int severity;

    HealthStatus(int severity) {
        this.severity = severity;
    }

    /** @return how bad this status is: higher is worse */
    public int severity() {
        return severity;
    }

    /**
     * @param other another status
     * @return the worse of this and {@code other}
     */
    public HealthStatus worst(HealthStatus other) {
        return other.severity > severity ? other : this;
    }
}
