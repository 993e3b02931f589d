package io.orbitr.docker.stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Service;
import io.orbitr.UnavailableException;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.EngineStreams;
import io.orbitr.stream.LogSource;
import io.orbitr.stream.SourceEnd;
import io.orbitr.stream.SourceHandle;
import io.orbitr.stream.StatsSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker engine's live streams. Owns two docker-java clients: the stream client, without a response timeout
 * (the transport's response timeout is an idle timeout that would kill a quiet log), and a request client for the
 * short look-ups around a stream. Each open stream reads on a thread of its own. Thread-safe.
 */
public final class DockerEngineStreams implements EngineStreams {
    private static final Logger log = LoggerFactory.getLogger(DockerEngineStreams.class);
    /**
     * How long a container that stopped is given to start again before its stream ends: {@code docker restart}
     * stops, then starts.
     */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(2);

    private final DockerClient streamClient;
    private final DockerClient requestClient;
    private final EngineSettings settings;
    private final Duration stopGrace;
    private final Clock clock;
    private final LogReader reader;
    private final ContainerProbe probe;
    private final ExecutorService threads;
    private final ScheduledExecutorService timer;
    private final Set<StreamTask<?>> open = ConcurrentHashMap.newKeySet();
    private final Set<ServiceLogTask> openServices = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param streamClient  a client without response timeout, for the streams; closed with this object
     * @param requestClient a client with timeouts, for look-ups; closed with this object
     * @param apiVersion    the engine API version both speak, for example {@code 1.41}
     * @param settings      the engine's settings, named in errors
     */
    public DockerEngineStreams(DockerClient streamClient, DockerClient requestClient, String apiVersion,
            EngineSettings settings) {
        this(streamClient, requestClient, apiVersion, settings, DEFAULT_STOP_GRACE, Clock.systemUTC());
    }

    /**
     * @param streamClient  a client without response timeout, for the streams; closed with this object
     * @param requestClient a client with timeouts, for look-ups; closed with this object
     * @param apiVersion    the engine API version both speak, for example {@code 1.41}
     * @param settings      the engine's settings, named in errors
     * @param stopGrace     how long a stopped container is given to start again before its stream ends
     * @param clock         stamps what the engine did not stamp
     */
    public DockerEngineStreams(DockerClient streamClient, DockerClient requestClient, String apiVersion,
            EngineSettings settings, Duration stopGrace, Clock clock) {
        this.streamClient = Objects.requireNonNull(streamClient, "streamClient");
        this.requestClient = Objects.requireNonNull(requestClient, "requestClient");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.stopGrace = Objects.requireNonNull(stopGrace, "stopGrace");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reader = new LogReader(streamClient, Objects.requireNonNull(apiVersion, "apiVersion"), clock);
        this.probe = new ContainerProbe(requestClient, settings);
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(
                runnable -> daemon(runnable, "orbitr-docker-stream-" + count.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(
                runnable -> daemon(runnable, "orbitr-docker-stream-timer"));
    }

    @Override
    public LogSource logs(String container) {
        Objects.requireNonNull(container, "container");
        return new DockerLogSource(this, probe.require(container));
    }

    @Override
    public StatsSource stats(String container) {
        Objects.requireNonNull(container, "container");
        return new DockerStatsSource(this, probe.require(container));
    }

    @Override
    public LogSource serviceLogs(String service) {
        Objects.requireNonNull(service, "service");
        Service found;
        try {
            found = requestClient.inspectServiceCmd(service).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            throw new io.orbitr.NotFoundException("service", service, e);
        } catch (RuntimeException e) {
            throw StreamErrors.translate(settings, "inspect service " + service, e);
        }
        String name = found.getSpec() == null || found.getSpec().getName() == null ? service
                : found.getSpec().getName();
        return new ServiceLogSource(this, found.getId(), name);
    }

    /** @return how many streams are open now */
    public int openStreams() {
        return open.size() + openServices.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (StreamTask<?> task : List.copyOf(open)) {
            task.close();
        }
        for (ServiceLogTask task : List.copyOf(openServices)) {
            task.close();
        }
        threads.shutdownNow();
        timer.shutdownNow();
        for (DockerClient client : List.of(streamClient, requestClient)) {
            try {
                client.close();
            } catch (IOException e) {
                log.debug("closing a Docker client failed", e);
            }
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    SourceHandle start(StreamTask<?> task) {
        if (closed) {
            throw new UnavailableException("the Docker engine streams are closed");
        }
        open.add(task);
        try {
            threads.execute(task);
        } catch (RejectedExecutionException e) {
            open.remove(task);
            task.sink.onEnd(SourceEnd.of(SourceEnd.Kind.FAILED, "the Docker engine streams are closed"));
        }
        return task;
    }

    SourceHandle startService(ServiceLogTask task) {
        if (closed) {
            throw new UnavailableException("the Docker engine streams are closed");
        }
        openServices.add(task);
        try {
            threads.execute(task);
        } catch (RejectedExecutionException e) {
            openServices.remove(task);
            throw new UnavailableException("the Docker engine streams are closed");
        }
        return task;
    }

    void finishedService(ServiceLogTask task) {
        openServices.remove(task);
    }

    DockerClient requestClient() {
        return requestClient;
    }

    void finished(StreamTask<?> task) {
        open.remove(task);
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    LogReader reader() {
        return reader;
    }

    ContainerProbe probe() {
        return probe;
    }

    DockerClient streamClient() {
        return streamClient;
    }

    EngineSettings settings() {
        return settings;
    }

    Duration stopGrace() {
        return stopGrace;
    }

    Clock clock() {
        return clock;
    }
}
