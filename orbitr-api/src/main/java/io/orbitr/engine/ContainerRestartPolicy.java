package io.orbitr.engine;

import io.orbitr.InvalidValueException;
import java.util.Locale;
import java.util.Objects;

/**
 * What the engine does when a container's main process ends.
 *
 * @param mode           the policy
 * @param maximumRetries for {@link Mode#ON_FAILURE}, how many restarts at most (0: no limit); otherwise 0
 */
public record ContainerRestartPolicy(Mode mode, int maximumRetries) {

    /** The engine's restart policies. */
    public enum Mode {
        /** Never restart. */
        NO,
        /** Always restart, also after the engine restarts. */
        ALWAYS,
        /** Restart when it exits with a non-zero code. */
        ON_FAILURE,
        /** Always restart, unless it was stopped on purpose. */
        UNLESS_STOPPED;

        /** @return the engine's name, for example {@code on-failure} */
        public String engineName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Validates the policy. */
    public ContainerRestartPolicy {
        Objects.requireNonNull(mode, "mode");
        if (maximumRetries < 0) {
            throw new InvalidValueException("maximum retries", maximumRetries, "must not be negative");
        }
        if (mode != Mode.ON_FAILURE && maximumRetries != 0) {
            throw new InvalidValueException("maximum retries", maximumRetries,
                    "only applies to the on-failure policy");
        }
    }

    /** @return never restart */
    public static ContainerRestartPolicy no() {
        return new ContainerRestartPolicy(Mode.NO, 0);
    }

    /** @return always restart */
    public static ContainerRestartPolicy always() {
        return new ContainerRestartPolicy(Mode.ALWAYS, 0);
    }

    /** @return always restart unless stopped on purpose */
    public static ContainerRestartPolicy unlessStopped() {
        return new ContainerRestartPolicy(Mode.UNLESS_STOPPED, 0);
    }

    /**
     * @param maximumRetries how many restarts at most; 0 for no limit
     * @return restart on a non-zero exit
     */
    public static ContainerRestartPolicy onFailure(int maximumRetries) {
        return new ContainerRestartPolicy(Mode.ON_FAILURE, maximumRetries);
    }

    /**
     * @param engineName the engine's name ({@code no}, {@code always}, {@code on-failure}, {@code unless-stopped}),
     *                   empty meaning {@code no}
     * @param maximumRetries the retry limit for on-failure
     * @return the policy
     */
    public static ContainerRestartPolicy fromEngine(String engineName, int maximumRetries) {
        String name = engineName.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "", "no" -> no();
            case "always" -> always();
            case "unless-stopped" -> unlessStopped();
            case "on-failure" -> onFailure(maximumRetries);
            default -> throw new InvalidValueException("restart policy", engineName,
                    "must be no, always, on-failure or unless-stopped");
        };
    }
}
