package io.orbitr.core.process;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A supervised program that outlived the host that started it (the host was killed, or its machine's power held
 * but its JVM did not) and that the next start found and stopped. See
 * {@link LocalProcessSupervisor#recoverSurvivors()}.
 *
 * @param name      the program's name
 * @param pid       its pid; empty when the host died before it recorded the pid (it was found by its run token)
 * @param processes how many processes were stopped: the program and what it had started
 * @param killed    whether something was still alive after the grace period and had to be killed
 */
public record StoppedSurvivor(String name, OptionalLong pid, int processes, boolean killed) {

    /** Checks the fields. */
    public StoppedSurvivor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pid, "pid");
    }
}
