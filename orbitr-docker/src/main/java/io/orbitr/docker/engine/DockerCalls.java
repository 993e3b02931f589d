package io.orbitr.docker.engine;

import com.github.dockerjava.api.DockerClient;
import io.orbitr.UnavailableException;
import io.orbitr.engine.EngineSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every part of the Docker engine shares: the two docker-java clients, the threads for calls whose length the
 * caller chooses, and the one way to run a call (bounded in time, failures translated). Thread-safe.
 */
final class DockerCalls implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DockerCalls.class);

    private final EngineSettings settings;
    private final DockerClient requests;
    private final DockerClient streams;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;

    DockerCalls(EngineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.requests = DockerClients.requests(settings);
        this.streams = DockerClients.streams(settings);
        this.workers = Executors.newCachedThreadPool(daemon("orbitr-docker-call-"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("orbitr-docker-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        this.timers = timer;
    }

    /** A call that uses one docker-java client. */
    @FunctionalInterface
    interface Call<T> {
        T on(DockerClient client) throws Exception;
    }

    /** A call without a result. */
    @FunctionalInterface
    interface Action {
        void on(DockerClient client) throws Exception;
    }

    EngineSettings settings() {
        return settings;
    }

    /** @return the client for request/response calls; the transport bounds each by the request timeout */
    DockerClient requests() {
        return requests;
    }

    /** @return the client for live streams, without a response timeout: a quiet stream must not die */
    DockerClient streams() {
        return streams;
    }

    /** @return the timer for delayed work (reconnects); its tasks must not block */
    ScheduledExecutorService timers() {
        return timers;
    }

    /** Runs a request/response call, bounded by the request timeout, with its failure translated. */
    <T> T call(Operation operation, Call<T> call) {
        return DockerErrors.call(settings, operation, () -> call.on(requests));
    }

    /** Like {@link #call}, without a result. */
    void run(Operation operation, Action action) {
        call(operation, client -> {
            action.on(client);
            return null;
        });
    }

    /**
     * Runs a call that the engine itself may legitimately take long to answer (a stop with a long grace period),
     * on the client without response timeout, and stops waiting after {@code bound}.
     */
    <T> T bounded(Operation operation, Duration bound, Call<T> call) {
        Future<T> future = workers.submit(() -> call.on(streams));
        try {
            return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new UnavailableException("the Docker " + settings.describe() + " did not finish "
                    + operation.what() + " within " + bound.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw DockerErrors.translate(settings, operation, e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for " + operation.what(), e);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        timers.shutdownNow();
        for (DockerClient client : new DockerClient[] {requests, streams}) {
            try {
                client.close();
            } catch (IOException e) {
                log.debug("closing a Docker client failed", e);
            }
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
