package io.orbitr.health;

import io.orbitr.spi.Provider;
import java.util.List;

/**
 * Creates checks of one type, named by {@link #id()}: {@code http}, {@code tcp}, {@code docker}, {@code command},
 * or a host's own type. Found by {@link java.util.ServiceLoader}.
 */
public interface HealthCheckProvider extends Provider {

    /**
     * Validates a spec and creates the check. Called when a target is added or changed, so a bad option is refused
     * before anything is stored.
     *
     * @param spec the check's type and options; {@code spec.type()} equals {@link #id()}
     * @return the check
     * @throws io.orbitr.InvalidValueException when an option is missing or bad, naming it
     */
    HealthCheck create(CheckSpec spec);

    /**
     * The options this type accepts. The platform refuses a spec with an option not listed here (naming the nearest
     * listed one), a value of the wrong type or a missing required option before it calls {@link #create}; a server
     * builds its forms from them.
     *
     * @return the declared options; empty (the default, for providers written before options were declared) means
     *     undeclared, and every option is passed to {@link #create} unchecked
     */
    default List<CheckOption> options() {
        return List.of();
    }
}
