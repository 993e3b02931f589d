package io.orbitr.jdclient.fake;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition with a bound, for tests that wait on real processes. */
public final class Await {

    private Await() {
    }

    /**
     * @param what      what is awaited, for the failure message
     * @param bound     how long to wait at most
     * @param condition the condition
     */
    public static void until(String what, Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + bound + " waiting for " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
