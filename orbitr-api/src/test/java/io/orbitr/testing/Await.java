package io.orbitr.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits, with a bound, for something a real part does on its own time (a process prints, a container stops). For
 * time the code under test reads from a clock, tests move a {@link ManualClock} instead.
 */
public final class Await {
    /** The bound when a test names none: generous, because a loaded CI machine is slow, and only a failure waits. */
    public static final Duration DEFAULT = Duration.ofSeconds(20);

    private Await() {
    }

    /**
     * @param what      what is awaited, for the failure message
     * @param condition true once it has happened
     */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition, () -> "");
    }

    /**
     * @param what      what is awaited, for the failure message
     * @param bound     how long to wait at most
     * @param condition true once it has happened
     */
    public static void until(String what, Duration bound, BooleanSupplier condition) {
        until(what, bound, condition, () -> "");
    }

    /**
     * @param what      what is awaited, for the failure message
     * @param condition true once it has happened
     * @param state     what to show when it did not happen in time
     */
    public static void until(String what, BooleanSupplier condition, Supplier<Object> state) {
        until(what, DEFAULT, condition, state);
    }

    /**
     * @param what      what is awaited, for the failure message
     * @param bound     how long to wait at most
     * @param condition true once it has happened
     * @param state     what to show when it did not happen in time
     * @throws AssertionError when it did not happen within the bound
     */
    public static void until(String what, Duration bound, BooleanSupplier condition, Supplier<Object> state) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String seen = String.valueOf(state.get());
                throw new AssertionError("not within " + bound + ": " + what + (seen.isEmpty() ? "" : "; last seen: " + seen));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
