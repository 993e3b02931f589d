package io.orbitr.core.health.check;

import java.util.concurrent.CompletableFuture;

/** The one thing the checks' future chains need and CompletableFuture lacks: passing a cancellation down. */
final class Futures {

    private Futures() {
    }

    /**
     * Makes a cancellation of {@code outer} (the monitor's timeout) cancel {@code inner} (the I/O under it), which a
     * dependent future does not do by itself.
     *
     * @param outer the future handed up
     * @param inner the future it waits on
     */
    static void cancelWith(CompletableFuture<?> outer, CompletableFuture<?> inner) {
        outer.whenComplete((value, error) -> {
            if (outer.isCancelled()) {
                inner.cancel(true);
            }
        });
    }
}
