package io.orbitr.core.stream;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition with a bound, for what real threads do: never a fixed sleep that guesses. */
final class Await {

    private Await() {
    }

    static void until(Duration bound, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound + ": " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
