package io.orbitr.health;

import io.orbitr.InvalidValueException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One monitored target: what to check and how often, with Uptime Kuma's settings and defaults. Built with
 * {@link #builder(String, CheckSpec)}.
 *
 * <p>A failed check with retries left makes the target PENDING and the next check runs after {@code retryInterval};
 * when the retries are spent it is DOWN. A success resets the retries. Failures inside {@code startPeriod} (counted
 * from when the target was added, changed, resumed or restarted by remediation) do not spend retries, until the
 * first success ends the start period early, as Docker's {@code start_period} does.
 *
 * @param id            a stable id: lowercase letters, digits, '.', '_' and '-', at most 100
 * @param name          what people call it
 * @param group         the group it belongs to (for group scores and listings)
 * @param check         the check's type and options
 * @param interval      time between checks while UP or DOWN (at least 1 s; default 60 s)
 * @param timeout       the bound on one check, enforced by the monitor (default 80% of the interval, 48 s for 60 s)
 * @param retries       failures tolerated as PENDING before DOWN (default 0)
 * @param retryInterval time between checks while PENDING (at least 1 s; default: the interval)
 * @param resendEvery   while DOWN, notify again after this many further DOWN checks; 0 never (the default)
 * @param startPeriod   the grace period after a (re)start in which failures do not count (default 0)
 * @param remediation   what to restart when it stays DOWN; empty (the default) for nothing
 * @param sinks         the ids of the notification sinks to tell; empty (the default) for all of them
 */
public record HealthTarget(String id, String name, String group, CheckSpec check, Duration interval,
        Duration timeout, int retries, Duration retryInterval, int resendEvery, Duration startPeriod,
        Optional<Remediation> remediation, List<String> sinks) {

    /** The shortest interval the monitor accepts, as in Uptime Kuma. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** The longest interval the monitor accepts. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(1);
    /** The group of targets added without one. */
    public static final String DEFAULT_GROUP = "default";

    /** Validates the target and freezes its lists. */
    public HealthTarget {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z0-9][a-z0-9._-]{0,99}")) {
            throw new InvalidValueException("id", id,
                    "must be 1-100 lowercase letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 200) {
            throw new InvalidValueException("name", name, "must be 1-200 characters");
        }
        Objects.requireNonNull(group, "group");
        if (group.isBlank() || group.length() > 200) {
            throw new InvalidValueException("group", group, "must be 1-200 characters");
        }
        Objects.requireNonNull(check, "check");
        requireBetween("interval", interval, MIN_INTERVAL, MAX_INTERVAL);
        requireBetween("retryInterval", retryInterval, MIN_INTERVAL, MAX_INTERVAL);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.toMillis() < 1 || timeout.compareTo(interval) > 0) {
            throw new InvalidValueException("timeout", timeout, "must be between 1 ms and the interval " + interval);
        }
        if (retries < 0 || retries > 1_000) {
            throw new InvalidValueException("retries", retries, "must be between 0 and 1000");
        }
        if (resendEvery < 0 || resendEvery > 100_000) {
            throw new InvalidValueException("resendEvery", resendEvery, "must be between 0 (never) and 100000");
        }
        Objects.requireNonNull(startPeriod, "startPeriod");
        if (startPeriod.isNegative() || startPeriod.compareTo(MAX_INTERVAL) > 0) {
            throw new InvalidValueException("startPeriod", startPeriod, "must be between 0 and 1 day");
        }
        Objects.requireNonNull(remediation, "remediation");
        sinks = List.copyOf(sinks);
    }

    private static void requireBetween(String field, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, field);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidValueException(field, value, "must be between " + min.toSeconds() + " s and "
                    + max.toHours() + " h");
        }
    }

    /**
     * @param id    the target's id
     * @param check what to check
     * @return a builder with Uptime Kuma's defaults: interval 60 s, timeout 48 s, retries 0, retry interval 60 s
     */
    public static Builder builder(String id, CheckSpec check) {
        return new Builder(id, check);
    }

    /** @return a builder holding this target's values */
    public Builder toBuilder() {
        Builder builder = new Builder(id, check).name(name).group(group).interval(interval).timeout(timeout)
                .retries(retries).retryInterval(retryInterval).resendEvery(resendEvery).startPeriod(startPeriod)
                .sinks(sinks);
        remediation.ifPresent(builder::remediation);
        return builder;
    }

    /** Builds a {@link HealthTarget}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private CheckSpec check;
        private String name;
        private String group = DEFAULT_GROUP;
        private Duration interval = Duration.ofSeconds(60);
        private Duration timeout;
        private int retries;
        private Duration retryInterval;
        private int resendEvery;
        private Duration startPeriod = Duration.ZERO;
        private Remediation remediation;
        private final List<String> sinks = new ArrayList<>();

        private Builder(String id, CheckSpec check) {
            this.id = id;
            this.check = check;
        }

        /** @param value what people call it (default: the id) @return this builder */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** @param value the group (default {@value HealthTarget#DEFAULT_GROUP}) @return this builder */
        public Builder group(String value) {
            this.group = value;
            return this;
        }

        /** @param value what to check @return this builder */
        public Builder check(CheckSpec value) {
            this.check = value;
            return this;
        }

        /** @param value time between checks @return this builder */
        public Builder interval(Duration value) {
            this.interval = value;
            return this;
        }

        /** @param value the bound on one check (default 80% of the interval) @return this builder */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** @param value failures tolerated as PENDING before DOWN @return this builder */
        public Builder retries(int value) {
            this.retries = value;
            return this;
        }

        /** @param value time between checks while PENDING (default: the interval) @return this builder */
        public Builder retryInterval(Duration value) {
            this.retryInterval = value;
            return this;
        }

        /** @param value notify again after this many further DOWN checks; 0 never @return this builder */
        public Builder resendEvery(int value) {
            this.resendEvery = value;
            return this;
        }

        /** @param value the grace period after a (re)start @return this builder */
        public Builder startPeriod(Duration value) {
            this.startPeriod = value;
            return this;
        }

        /** @param value what to restart when the target stays DOWN @return this builder */
        public Builder remediation(Remediation value) {
            this.remediation = value;
            return this;
        }

        /** @param sinkIds the notification sinks to tell (default: all) @return this builder */
        public Builder sinks(List<String> sinkIds) {
            this.sinks.clear();
            this.sinks.addAll(sinkIds);
            return this;
        }

        /** @return the validated target */
        public HealthTarget build() {
            Objects.requireNonNull(interval, "interval");
            Duration effectiveTimeout = timeout != null ? timeout
                    : Duration.ofMillis(Math.max(1, interval.toMillis() * 4 / 5));
            return new HealthTarget(id, name != null ? name : id, group, check, interval, effectiveTimeout, retries,
                    retryInterval != null ? retryInterval : interval, resendEvery, startPeriod,
                    Optional.ofNullable(remediation), sinks);
        }
    }
}
