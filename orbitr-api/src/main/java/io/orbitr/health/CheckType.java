package io.orbitr.health;

import java.util.List;
import java.util.Objects;

/**
 * A check type the platform can run, with the options it declares: what a server lists so a dashboard can build a
 * form for a new target.
 *
 * @param id      the type, for example {@code http}
 * @param options the options it accepts, in the order its provider declares them; empty when the provider does not
 *                declare them (its options are then passed through unchecked)
 */
public record CheckType(String id, List<CheckOption> options) {

    /** Requires both parts and freezes the list. */
    public CheckType {
        Objects.requireNonNull(id, "id");
        options = List.copyOf(options);
    }
}
