package io.orbitr.docker.engine;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.engine.ContainerDetails;
import io.orbitr.engine.ContainerQuery;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.ContainerStatus;
import io.orbitr.engine.ContainerSummary;
import io.orbitr.engine.Containers;
import io.orbitr.engine.ExecResult;
import io.orbitr.Page;
import io.orbitr.PageRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Docker engine's containers. Thread-safe. */
final class DockerContainers implements Containers {
    private static final Logger log = LoggerFactory.getLogger(DockerContainers.class);
    private static final String KIND = "container";
    /** The engine's go regexp would read these in a name filter; a user's name is plain text. */
    private static final String REGEX_SPECIALS = "\\.+*?()|[]{}^$";

    private final DockerCalls calls;
    private final DockerExec exec;

    DockerContainers(DockerCalls calls) {
        this.calls = calls;
        this.exec = new DockerExec(calls);
    }

    @Override
    public Page<ContainerSummary> list(ContainerQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        List<Container> all = calls.call(Operation.of("list", "containers"), client -> {
            var cmd = client.listContainersCmd().withShowAll(query.includeStopped() || !query.statuses().isEmpty());
            if (!query.statuses().isEmpty()) {
                cmd.withStatusFilter(query.statuses().stream().map(ContainerStatus::engineName).toList());
            }
            if (!query.labels().isAny()) {
                cmd.withLabelFilter(query.labels().expressions());
            }
            query.nameContains().ifPresent(name -> cmd.withNameFilter(List.of(literal(name))));
            return cmd.exec();
        });
        // The engine lists newest first; only the requested slice is converted.
        Page<Container> slice = Page.of(all, page);
        return new Page<>(slice.items().stream().map(ContainerMapper::summary).toList(), slice.next(), slice.total());
    }

    @Override
    public ContainerDetails inspect(String container) {
        return ContainerMapper.details(calls.call(Operation.on(KIND, container, "inspect"),
                client -> client.inspectContainerCmd(container).exec()));
    }

    @Override
    public String create(ContainerSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String shown = spec.name().orElse("from image " + spec.image());
        // The engine accepts a missing network for a container that has not started and fails only at its start:
        // check them now, so that create fails and nothing is left behind.
        for (String network : spec.networks().subList(Math.min(1, spec.networks().size()), spec.networks().size())) {
            calls.call(Operation.on("network", network, "inspect"),
                    client -> client.inspectNetworkCmd().withNetworkId(network).exec());
        }
        String id = calls.call(Operation.on(KIND, shown, "create"), client -> {
            CreateContainerCmd cmd = ContainerCreation.apply(spec, client.createContainerCmd(spec.image()));
            return cmd.exec().getId();
        });
        try {
            for (String network : spec.networks().subList(Math.min(1, spec.networks().size()),
                    spec.networks().size())) {
                calls.run(Operation.on("network", network, "connect container " + shown + " to"),
                        client -> client.connectToNetworkCmd().withNetworkId(network).withContainerId(id).exec());
            }
        } catch (OrbitrException e) {
            // Nothing half-made stays behind: a container missing one of its networks is not what was asked for.
            removeQuietly(id);
            throw e;
        }
        log.debug("created container {} ({})", shown, id);
        return id;
    }

    @Override
    public void start(String container) {
        calls.run(Operation.on(KIND, container, "start"), client -> {
            try {
                client.startContainerCmd(container).exec();
            } catch (NotModifiedException alreadyRunning) {
                // Starting a running container is a no-op, as the caller wants it running.
            }
        });
    }

    @Override
    public void stop(String container, Duration timeout) {
        int seconds = graceSeconds(timeout);
        calls.bounded(Operation.on(KIND, container, "stop"), bound(timeout), client -> {
            try {
                client.stopContainerCmd(container).withTimeout(seconds).exec();
            } catch (NotModifiedException alreadyStopped) {
                // Stopping a stopped container is a no-op.
            }
            return null;
        });
    }

    @Override
    public void restart(String container, Duration timeout) {
        int seconds = graceSeconds(timeout);
        calls.bounded(Operation.on(KIND, container, "restart"), bound(timeout),
                client -> client.restartContainerCmd(container).withTimeout(seconds).exec());
    }

    @Override
    public void kill(String container, String signal) {
        Objects.requireNonNull(signal, "signal");
        if (!signal.matches("(SIG)?[A-Z0-9+-]{1,16}|\\d{1,2}")) {
            throw new InvalidValueException("signal", signal, "must be a signal name such as SIGTERM, or a number");
        }
        calls.run(Operation.on(KIND, container, "kill"),
                client -> client.killContainerCmd(container).withSignal(signal).exec());
    }

    @Override
    public void pause(String container) {
        calls.run(Operation.on(KIND, container, "pause"), client -> client.pauseContainerCmd(container).exec());
    }

    @Override
    public void unpause(String container) {
        calls.run(Operation.on(KIND, container, "unpause"), client -> client.unpauseContainerCmd(container).exec());
    }

    @Override
    public void remove(String container, boolean force, boolean removeVolumes) {
        calls.run(Operation.on(KIND, container, "remove"), client -> client.removeContainerCmd(container)
                .withForce(force).withRemoveVolumes(removeVolumes).exec());
    }

    @Override
    public ExecResult exec(String container, List<String> command, Duration timeout, int maxOutputBytes) {
        return exec.run(container, command, timeout, maxOutputBytes);
    }

    @Override
    public long copyFrom(String container, String path, OutputStream tar) {
        Objects.requireNonNull(tar, "tar");
        requireAbsolute(path);
        // The response timeout of the request client is an idle timeout: a long copy that keeps flowing is fine.
        return calls.call(Operation.on(KIND, container, "copy " + path + " out of"), client -> {
            try (InputStream in = client.copyArchiveFromContainerCmd(container, path).exec()) {
                return in.transferTo(tar);
            }
        });
    }

    @Override
    public void copyTo(String container, String path, InputStream tar) {
        Objects.requireNonNull(tar, "tar");
        requireAbsolute(path);
        calls.run(Operation.on(KIND, container, "copy into " + path + " of"), client ->
                client.copyArchiveToContainerCmd(container).withRemotePath(path).withTarInputStream(tar)
                        .withCopyUIDGID(true).exec());
    }

    private static void requireAbsolute(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new InvalidValueException("container path", path, "must be an absolute path inside the container");
        }
    }

    private void removeQuietly(String id) {
        try {
            remove(id, true, true);
        } catch (OrbitrException e) {
            log.warn("could not remove the half-created container {}: {}", id, e.getMessage());
        }
    }

    /** The engine takes whole seconds; a caller's 1500 ms grace period must not shrink to 1 s. */
    private static int graceSeconds(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new InvalidValueException("stop timeout", timeout, "must not be negative");
        }
        long seconds = (timeout.toMillis() + 999) / 1000;
        if (seconds > Integer.MAX_VALUE) {
            throw new InvalidValueException("stop timeout", timeout, "is too long");
        }
        return (int) seconds;
    }

    /** The grace period, plus the request timeout for the engine to kill and answer. */
    private Duration bound(Duration grace) {
        return Duration.ofSeconds(graceSeconds(grace)).plus(calls.settings().requestTimeout());
    }


    static String literal(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (REGEX_SPECIALS.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
