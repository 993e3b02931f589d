package io.orbitr.docker.engine;

import com.github.dockerjava.api.async.ResultCallback;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A callback for an engine stream that ends by itself (an exec's output, a pull's progress), which the caller
 * waits for in slices. docker-java's own {@code awaitCompletion(timeout)} closes the stream when it returns, so it
 * cannot be asked twice; and its {@code onError} logs at ERROR what Orbitr reports to the caller anyway.
 *
 * @param <T> the item type
 */
abstract class FiniteCallback<T> extends ResultCallback.Adapter<T> {
    private static final Logger log = LoggerFactory.getLogger(FiniteCallback.class);

    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Throwable failure;

    @Override
    public void onError(Throwable error) {
        failure = error;
        ended.countDown();
        closeQuietly();
    }

    @Override
    public void onComplete() {
        ended.countDown();
        closeQuietly();
    }

    /**
     * @param millis how long to wait at most
     * @return whether the stream has ended, normally or not
     */
    boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    /** @return how the stream failed, if it did */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            log.debug("closing an engine stream failed", e);
        }
    }
}
