package io.orbitr.health;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A check that runs without holding a thread while it waits: an HTTP request or a TCP connect driven by a selector.
 * The monitor calls {@link #start(Duration)} on its scheduling thread, so it must return at once; thousands of such
 * checks then wait on a handful of I/O threads instead of one thread each.
 *
 * <p>The monitor enforces the timeout itself: when it passes, it records DOWN and cancels the returned future, and
 * the check must then release whatever it holds (the connection, the channel).
 */
public interface AsyncHealthCheck extends HealthCheck {

    /**
     * Starts the check without blocking.
     *
     * @param timeout how long the caller will wait; the check may use it to bound its own I/O
     * @return the result, completed by an I/O thread; a failure is recorded as DOWN with the error's message
     */
    CompletableFuture<HealthResult> start(Duration timeout);

    /**
     * Runs the check and waits for it, bounded by {@link #defaultTimeout()}.
     *
     * @return what the check saw, or DOWN when it did not finish in time
     * @throws Exception when the check failed
     */
    @Override
    default HealthResult check() throws Exception {
        Duration timeout = defaultTimeout();
        CompletableFuture<HealthResult> result = start(timeout);
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return HealthResult.down("timed out after " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            result.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (CancellationException e) {
            return HealthResult.down("cancelled");
        }
    }

    /** @return the bound {@link #check()} waits for when called directly, outside a monitor: 48 s unless overridden */
    default Duration defaultTimeout() {
        return Duration.ofSeconds(48);
    }
}
