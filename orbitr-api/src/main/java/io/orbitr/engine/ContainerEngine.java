package io.orbitr.engine;

import io.orbitr.OrbitrException;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StatsSample;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.time.Duration;
import java.util.List;

/**
 * A client of one container engine. Thread-safe; every request/response call is bounded by the
 * {@link EngineSettings#requestTimeout()} and fails with an {@link io.orbitr.OrbitrException} in the user's words,
 * never with the engine library's own exception.
 *
 * <p>The engine's objects are managed through one focused view each: {@link #containers()}, {@link #images()},
 * {@link #networks()} and {@link #volumes()}; what happens in the engine arrives through {@link #events}.
 *
 * <pre>{@code
 * ContainerEngine engine = orbitr.engine();
 * String id = engine.containers().create(ContainerSpec.builder("nginx:1.27").name("web-1").build());
 * engine.containers().start("web-1");
 * ContainerDetails web = engine.containers().inspect("web-1");
 * }</pre>
 *
 * <p>The views and {@link #events} are {@code default} methods so that engines written against an older Orbitr keep
 * compiling; such an engine fails them with an {@link OrbitrException} that names it.
 */
public interface ContainerEngine extends AutoCloseable {

    /**
     * Checks that the engine answers.
     *
     * @throws io.orbitr.UnavailableException when it does not, with the reason
     */
    void ping();

    /** @return what the engine says about itself */
    EngineInfo info();

    /** @return the engine's build; by default taken from {@link #info()} */
    default EngineVersion version() {
        EngineInfo info = info();
        return new EngineVersion(info.version(), info.apiVersion(), "", info.operatingSystem(), info.architecture(),
                info.kernelVersion(), "", "");
    }

    /** @return the engine's containers */
    default Containers containers() {
        throw unsupported("containers");
    }

    /** @return the engine's images */
    default Images images() {
        throw unsupported("images");
    }

    /** @return the engine's networks */
    default Networks networks() {
        throw unsupported("networks");
    }

    /** @return the engine's volumes */
    default Volumes volumes() {
        throw unsupported("volumes");
    }

    /**
     * @return the swarm this engine manages, when it is a swarm manager
     */
    default io.orbitr.engine.swarm.Swarm swarm() {
        throw unsupported("swarm");
    }

    /**
     * @return this engine's endpoint: its name, address and TLS files; {@value EngineSettings#LOCAL} by default
     */
    default EngineSettings endpoint() {
        throw unsupported("endpoint");
    }

    /**
     * Follows what happens in the engine: container start/die/health_status, image pull/delete, network and volume
     * create/destroy/connect. Returns at once; events arrive on the stream's own thread, in order. When the
     * connection to the engine breaks, Orbitr reconnects with a growing delay, tells the subscriber with
     * {@code RECONNECTING}/{@code RECONNECTED} events, and resumes after the last event delivered, with no
     * duplicates. The stream ends only when the subscription is cancelled or the engine client is closed.
     *
     * @param filter     which events
     * @param subscriber who receives them
     * @return the subscription, to cancel
     */
    default Subscription events(EventFilter filter, StreamSubscriber<EngineEvent> subscriber) {
        throw unsupported("events");
    }

    /**
     * Runs a command inside a running container and captures its output; the same as
     * {@code containers().exec(...)}.
     *
     * @param container      the container's name or id
     * @param command        the command and its arguments
     * @param timeout        the bound on the whole run
     * @param maxOutputBytes the output kept; the rest is dropped and {@link ExecResult#truncated()} is set
     * @return its exit code and output
     */
    default ExecResult exec(String container, List<String> command, Duration timeout, int maxOutputBytes) {
        return containers().exec(container, command, timeout, maxOutputBytes);
    }

    /**
     * Restarts a container; the same as {@code containers().restart(...)}.
     *
     * @param container the container's name or id
     * @param timeout   how long to wait for it to stop before it is killed
     */
    default void restart(String container, Duration timeout) {
        containers().restart(container, timeout);
    }

    /**
     * @param container the container's name or id
     * @param lines     how many of the last lines to return
     * @return up to that many of its last log lines, oldest first
     */
    List<LogLine> recentLogs(String container, int lines);

    /**
     * @param container the container's name or id
     * @return one resource-usage sample
     */
    StatsSample stats(String container);

    /**
     * Opens the engine's live streams (container logs and stats). Each call returns a new {@link EngineStreams} with
     * connections of its own, because a live stream must not share the request client's idle timeout; the caller
     * closes it. The platform's {@code StreamHub} holds one for all its subscribers.
     *
     * @return the engine's live streams
     */
    EngineStreams streams();

    /** Releases the connections this client holds. */
    @Override
    void close();

    private OrbitrException unsupported(String what) {
        return new OrbitrException("the container engine " + getClass().getName() + " does not offer " + what
                + "; use an engine provider built for this Orbitr version");
    }
}
