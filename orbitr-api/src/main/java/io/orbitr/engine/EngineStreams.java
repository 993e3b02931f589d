package io.orbitr.engine;

import io.orbitr.stream.LogSource;
import io.orbitr.stream.StatsSource;

/**
 * The live streams of a container engine (logs and stats), as opposed to its request/response calls. Each object
 * holds its own connections, kept apart from the request client's because a live stream has no response timeout;
 * the one who asked {@link ContainerEngine#streams()} for it closes it. Thread-safe.
 *
 * <p>orbitr-core's stream hub consumes these sources; orbitr-core never sees the engine's client library.
 */
public interface EngineStreams extends AutoCloseable {

    /**
     * Looks the container up and returns its log as a source. Each line is reassembled from the engine's frames
     * per stream (a frame is not a line), carries the engine's timestamp, and has its terminator removed; a TTY
     * container's output is all {@link io.orbitr.stream.LogStream#STDOUT}.
     *
     * @param container the container's name or id
     * @return its log
     * @throws io.orbitr.NotFoundException    when there is no such container
     * @throws io.orbitr.UnavailableException when the engine does not answer
     */
    LogSource logs(String container);

    /**
     * Looks the container up and returns its resource usage as a source of about one sample per second, computed
     * as {@code docker stats} does.
     *
     * @param container the container's name or id
     * @return its stats
     * @throws io.orbitr.NotFoundException    when there is no such container
     * @throws io.orbitr.UnavailableException when the engine does not answer
     */
    StatsSource stats(String container);

    /**
     * Returns the merged log of a swarm service's tasks, as {@code docker service logs} shows it. Needs an engine
     * that is a swarm manager.
     *
     * @param service the service's name or id
     * @return its log
     * @throws io.orbitr.NotFoundException    when there is no such service
     * @throws io.orbitr.UnavailableException when the engine does not answer
     */
    default LogSource serviceLogs(String service) {
        throw new io.orbitr.OrbitrException("the engine streams " + getClass().getName()
                + " do not offer service logs; use an engine provider built for this Orbitr version");
    }

    /** Stops every stream opened through this object and releases its connections. Idempotent. */
    @Override
    void close();
}
