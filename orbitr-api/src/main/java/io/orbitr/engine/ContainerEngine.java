package io.orbitr.engine;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.StatsSample;
import java.time.Duration;
import java.util.List;

/**
 * A client of one container engine. Thread-safe; every request/response call is bounded by the
 * {@link EngineSettings#requestTimeout()} and fails with an {@link io.orbitr.OrbitrException} in the user's words,
 * never with the engine library's own exception.
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

    /**
     * Runs a command inside a running container and captures its output.
     *
     * @param container      the container's name or id
     * @param command        the command and its arguments
     * @param timeout        the bound on the whole run
     * @param maxOutputBytes the output kept; the rest is dropped and {@link ExecResult#truncated()} is set
     * @return its exit code and output
     */
    ExecResult exec(String container, List<String> command, Duration timeout, int maxOutputBytes);

    /**
     * Restarts a container.
     *
     * @param container the container's name or id
     * @param timeout   how long to wait for it to stop before it is killed
     */
    void restart(String container, Duration timeout);

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

    /** @return the engine's live streams */
    EngineStreams streams();

    /** Releases the connections this client holds. */
    @Override
    void close();
}
