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

    /** @return the engine's id of the container: a name given later to another container cannot join its stream */
    public String key() {
        return "docker:" + container.id();
    }

    /** @return how messages name the container */
    public String name() {
        return container.label();
    }
}
