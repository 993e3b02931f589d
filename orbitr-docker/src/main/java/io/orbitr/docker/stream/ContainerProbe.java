package io.orbitr.docker.stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.orbitr.engine.EngineSettings;
import java.util.Optional;

/** Looks containers up through the request client, whose calls are bounded by the request timeout. */
final class ContainerProbe {
    private final DockerClient requests;
    private final EngineSettings settings;

    ContainerProbe(DockerClient requests, EngineSettings settings) {
        this.requests = requests;
        this.settings = settings;
    }

    /**
     * @param container a container's name or id
     * @return its state, or empty when there is no such container
     * @throws io.orbitr.UnavailableException when the engine does not answer
     */
    Optional<ContainerState> find(String container) {
        InspectContainerResponse response;
        try {
            response = requests.inspectContainerCmd(container).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw StreamErrors.translate(settings, "inspect container " + container, e);
        }
        InspectContainerResponse.ContainerState state = response.getState();
        String name = response.getName() == null ? container : response.getName().replaceFirst("^/", "");
        boolean tty = response.getConfig() != null && Boolean.TRUE.equals(response.getConfig().getTty());
        return Optional.of(new ContainerState(
                response.getId(),
                name,
                tty,
                state == null || state.getStatus() == null ? "unknown" : state.getStatus(),
                state != null && Boolean.TRUE.equals(state.getRunning()),
                state != null && Boolean.TRUE.equals(state.getRestarting()),
                state == null || state.getExitCodeLong() == null ? 0 : state.getExitCodeLong(),
                state == null || state.getStartedAt() == null ? "" : state.getStartedAt()));
    }

    /**
     * @param container a container's name or id
     * @return its state
     * @throws io.orbitr.NotFoundException    when there is no such container
     * @throws io.orbitr.UnavailableException when the engine does not answer
     */
    ContainerState require(String container) {
        return find(container).orElseThrow(() -> new io.orbitr.NotFoundException("container", container));
    }
}
