package io.orbitr.docker.stream;

/**
 * What the log and the stats source of one container share: the streams they open through, the container, and
 * how a hub keys and names them.
 */
abstract class ContainerSource {
    final DockerEngineStreams streams;
    final ContainerState container;

    ContainerSource(DockerEngineStreams streams, ContainerState container) {
        this.streams = streams;
        this.container = container;
    }

    /**
     * @return the endpoint and the engine's id of the container ({@code local/3f2a...}): one container id on two
     *     engines is two streams, and a name given later to another container cannot join this one's stream
     */
    public String key() {
        return streams.settings().name() + "/" + container.id();
    }

    /** @return how messages name the container */
    public String name() {
        return container.label();
    }
}
