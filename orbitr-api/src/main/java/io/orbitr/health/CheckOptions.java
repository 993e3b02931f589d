package io.orbitr.health;

import io.orbitr.InvalidValueException;
import io.orbitr.NearestName;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a {@link CheckSpec} against the options its provider declares: every option given must be declared
 * (a misspelt one is refused naming the nearest declared name), every value must be of the declared type, and every
 * required option must be there. The platform runs this before it asks a provider to create a check.
 */
public final class CheckOptions {

    private CheckOptions() {
    }

    /**
     * @param spec     the spec to check
     * @param declared the options its provider declares; when empty, nothing is checked (the provider does not
     *                 declare its options)
     * @throws InvalidValueException on the first unknown option, badly typed value or missing required option
     */
    public static void validate(CheckSpec spec, List<CheckOption> declared) {
        Objects.requireNonNull(spec, "spec");
        if (declared.isEmpty()) {
            return;
        }
        List<String> names = declared.stream().map(CheckOption::name).toList();
        for (Map.Entry<String, Object> given : spec.options().entrySet()) {
            String name = given.getKey();
            CheckOption option = declared.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
            if (option == null) {
                String hint = NearestName.of(name, names).map(n -> "; did you mean '" + n + "'?")
                        .orElse("; the " + spec.type() + " options are " + String.join(", ", names));
                throw new InvalidValueException(spec.type() + "." + name, given.getValue(),
                        "is not a " + spec.type() + " option" + hint,
                        "unknown " + spec.type() + " option '" + name + "'" + hint);
            }
            if (given.getValue() == null) {
                throw new InvalidValueException(spec.type() + "." + name, "", "must not be null");
            }
            option.type().check(new CheckSpec(spec.type(), Map.of(name, given.getValue())), name);
        }
        for (CheckOption option : declared) {
            if (option.required() && !spec.options().containsKey(option.name())) {
                throw new InvalidValueException(spec.type() + "." + option.name(), "",
                        "is required (" + option.description() + ")");
            }
        }
    }
}
