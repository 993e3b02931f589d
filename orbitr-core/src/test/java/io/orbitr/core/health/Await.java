package io.orbitr.core.health;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that real threads or processes make true, polling with a bound (never a guessed sleep). */
public final class Await {
    private Await() {
    }

    public static void until(Duration bound, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound + ": " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }
}
