package io.orbitr.engine;

import io.orbitr.PageRequest;
import io.orbitr.Page;
import io.orbitr.NotFoundException;
import io.orbitr.OrbitrException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The containers of one engine. Every method takes a container's name or id, is bounded in time, and fails with an
 * {@link io.orbitr.OrbitrException} in the user's words: {@code no such container web-1} ({@link NotFoundException}),
 * {@code container web-1 is not running} ({@link io.orbitr.ConflictException}), or an
 * {@link io.orbitr.UnavailableException} when the engine does not answer. Thread-safe.
 */
public interface Containers {

    /**
     * Lists containers, newest first.
     *
     * @param query which containers
     * @param page  which slice of the list
     * @return the slice, with the number of matching containers
     */
    Page<ContainerSummary> list(ContainerQuery query, PageRequest page);

    /**
     * @param container a name or id
     * @return its details
     * @throws NotFoundException when there is no such container
     */
    ContainerDetails inspect(String container);

    /**
     * @param container a name or id
     * @return its details, or empty when there is no such container
     */
    default Optional<ContainerDetails> find(String container) {
        try {
            return Optional.of(inspect(container));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates a container without starting it. The image must be present locally; nothing is pulled. When a later
     * step fails (joining a second network), the half-made container is removed again.
     *
     * @param spec what to create
     * @return the new container's id
     * @throws io.orbitr.ConflictException when the name is taken
     * @throws NotFoundException when the image or a network does not exist
     */
    String create(ContainerSpec spec);

    /**
     * Starts a container; does nothing when it already runs.
     *
     * @param container a name or id
     */
    void start(String container);

    /**
     * Stops a container: SIGTERM, then SIGKILL after the timeout. Does nothing when it is not running.
     *
     * @param container a name or id
     * @param timeout   how long it may take to stop before it is killed
     */
    void stop(String container, Duration timeout);

    /**
     * Stops (as {@link #stop}) and starts a container.
     *
     * @param container a name or id
     * @param timeout   how long it may take to stop before it is killed
     */
    void restart(String container, Duration timeout);

    /**
     * Sends SIGKILL to a running container.
     *
     * @param container a name or id
     * @throws io.orbitr.ConflictException when it is not running
     */
    default void kill(String container) {
        kill(container, "SIGKILL");
    }

    /**
     * Sends a signal to a running container's main process.
     *
     * @param container a name or id
     * @param signal    the signal, for example {@code SIGHUP} or {@code 9}
     * @throws io.orbitr.ConflictException when it is not running
     */
    void kill(String container, String signal);

    /**
     * Freezes every process of a running container.
     *
     * @param container a name or id
     * @throws io.orbitr.ConflictException when it is not running or already paused
     */
    void pause(String container);

    /**
     * Thaws a paused container.
     *
     * @param container a name or id
     * @throws io.orbitr.ConflictException when it is not paused
     */
    void unpause(String container);

    /**
     * Removes a stopped container.
     *
     * @param container a name or id
     * @throws io.orbitr.ConflictException when it runs
     */
    default void remove(String container) {
        remove(container, false, false);
    }

    /**
     * Removes a container.
     *
     * @param container     a name or id
     * @param force         whether to kill it first when it runs
     * @param removeVolumes whether to remove its anonymous volumes too (named volumes are kept)
     * @throws io.orbitr.ConflictException when it runs and {@code force} is false
     */
    void remove(String container, boolean force, boolean removeVolumes);

    /**
     * Runs a command inside a running container and captures its output. When the command outlives the timeout,
     * Orbitr stops waiting and fails; the engine offers no way to end the command itself.
     *
     * @param container      a name or id
     * @param command        the command and its arguments (no shell unless you run one)
     * @param timeout        the bound on the whole run
     * @param maxOutputBytes the output kept; the rest is dropped and {@link ExecResult#truncated()} is set
     * @return its exit code and output, stdout and stderr merged
     * @throws io.orbitr.ConflictException when the container is not running
     * @throws io.orbitr.UnavailableException when the command does not finish in time
     */
    ExecResult exec(String container, List<String> command, Duration timeout, int maxOutputBytes);

    /**
     * Copies a file or directory out of a container, as {@code docker cp CONTAINER:PATH -} does: the engine writes a
     * tar stream whose entries are named from the path's last element ({@code /data} gives {@code data/...}). Works
     * on a container that is created but not started, volumes mounted included, which is how backups read a volume
     * through a short-lived helper container.
     *
     * @param container a name or id
     * @param path      an absolute path inside the container
     * @param tar       where the tar stream goes; not closed
     * @return the number of bytes written to {@code tar}
     * @throws NotFoundException when the container or the path does not exist
     */
    default long copyFrom(String container, String path, OutputStream tar) {
        throw new OrbitrException("the container engine " + getClass().getName() + " cannot copy files out of a"
                + " container; use an engine provider built for this Orbitr version");
    }

    /**
     * Unpacks a tar stream into a container, as {@code docker cp - CONTAINER:PATH} does, keeping the owners recorded
     * in the stream. Works on a container that is created but not started, volumes mounted included.
     *
     * @param container a name or id
     * @param path      an existing absolute directory inside the container
     * @param tar       the tar stream; read to its end, not closed
     * @throws NotFoundException when the container or the directory does not exist
     */
    default void copyTo(String container, String path, InputStream tar) {
        throw new OrbitrException("the container engine " + getClass().getName() + " cannot copy files into a"
                + " container; use an engine provider built for this Orbitr version");
    }
}
