package io.orbitr.core.health;

import io.orbitr.InvalidValueException;
import io.orbitr.health.CheckOption;
import io.orbitr.health.CheckOptions;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.CheckType;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthMonitor;
import io.orbitr.health.HealthResult;
import io.orbitr.health.OptionType;
import java.util.List;

/**
 * The check of a push target, which the monitor runs only when no result was pushed for an interval (every pushed
 * result moves its due time on): it then fails, as Uptime Kuma's push monitor does. With {@code watchdog} off it is
 * never run: the target only changes when results are pushed. Built into the monitor rather than a provider, so
 * push targets work on any platform, discovery or not.
 *
 * @param watchdog whether a missing result counts as a failed check
 */
record PushCheck(boolean watchdog) implements HealthCheck {
    static final String MISSING = "no result pushed in time";

    /**
     * @param spec a check spec
     * @return whether it is a push target's
     */
    static boolean isPush(CheckSpec spec) {
        return HealthMonitor.PUSH.equals(spec.type());
    }

    /** The push type as {@code orbitr.healthCheckTypes()} lists it, with its one option. */
    static final CheckType TYPE = new CheckType(HealthMonitor.PUSH, List.of(CheckOption.optional("watchdog",
            OptionType.BOOLEAN, "true", "whether no result for an interval counts as a failed check")));

    /**
     * @param spec a push target's spec
     * @return its check
     * @throws InvalidValueException for an unknown option (naming the nearest) or a value of the wrong type
     */
    static PushCheck of(CheckSpec spec) {
        CheckOptions.validate(spec, TYPE.options());
        return new PushCheck(spec.bool("watchdog", true));
    }

    @Override
    public HealthResult check() {
        return HealthResult.down(MISSING);
    }
}
