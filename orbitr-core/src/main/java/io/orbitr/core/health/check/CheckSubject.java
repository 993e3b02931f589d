package io.orbitr.core.health.check;

import io.orbitr.InvalidValueException;
import io.orbitr.health.CheckSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What a process-or-container check looks at: exactly one of the options {@code process} (a supervised process's
 * name), {@code container} (a container's name or id) and, where allowed, {@code pid} (any host process).
 *
 * @param kind which option named it
 * @param name the name, id or pid as text
 */
record CheckSubject(Kind kind, String name) {

    /** Which option named the subject. */
    enum Kind {
        /** A process of the platform's process supervisor. */
        PROCESS,
        /** A container of the platform's container engine. */
        CONTAINER,
        /** A host process by pid. */
        PID
    }

    /**
     * @param spec     the check's spec
     * @param allowPid whether {@code pid} is accepted
     * @return the subject
     * @throws InvalidValueException unless exactly one subject option is given
     */
    static CheckSubject of(CheckSpec spec, boolean allowPid) {
        List<CheckSubject> found = new ArrayList<>();
        spec.string("process").map(String::trim).filter(s -> !s.isEmpty())
                .ifPresent(name -> found.add(new CheckSubject(Kind.PROCESS, name)));
        spec.string("container").map(String::trim).filter(s -> !s.isEmpty())
                .ifPresent(name -> found.add(new CheckSubject(Kind.CONTAINER, name)));
        if (allowPid && spec.options().containsKey("pid")) {
            found.add(new CheckSubject(Kind.PID, String.valueOf(spec.requireInt("pid", 1, Integer.MAX_VALUE))));
        }
        String choices = allowPid ? "process, container or pid" : "process or container";
        if (found.size() != 1) {
            throw new InvalidValueException(spec.type() + "." + choices.replace(" or ", "|").replace(", ", "|"),
                    found.isEmpty() ? "" : found.stream().map(CheckSubject::name).toList(),
                    "name exactly one of " + choices);
        }
        return found.get(0);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
    }
}
