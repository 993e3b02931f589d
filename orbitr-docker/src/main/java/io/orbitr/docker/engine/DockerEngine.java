package io.orbitr.docker.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import io.orbitr.OrbitrException;
import io.orbitr.docker.stream.ContainerReads;
import io.orbitr.docker.stream.DockerEngineStreams;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.Containers;
import io.orbitr.engine.EngineEvent;
import io.orbitr.engine.EngineInfo;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.EngineStreams;
import io.orbitr.engine.EngineVersion;
import io.orbitr.engine.EventFilter;
import io.orbitr.engine.Images;
import io.orbitr.engine.Networks;
import io.orbitr.engine.Volumes;
import io.orbitr.engine.swarm.Swarm;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StatsSample;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.util.List;
import java.util.Objects;

/**
 * The Docker engine through docker-java. Each concept has its own class (containers, images, networks, volumes,
 * events); this one ties them to one pair of clients and answers for the engine itself. Thread-safe.
 */
final class DockerEngine implements ContainerEngine {
    private final EngineSettings settings;
    private final DockerCalls calls;
    private final DockerClient requests;
    private final DockerContainers containers;
    private final DockerImages images;
    private final DockerNetworks networks;
    private final DockerVolumes volumes;
    private final DockerEvents events;
    private final DockerSwarm swarm;

    DockerEngine(EngineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.calls = new DockerCalls(settings);
        this.requests = calls.requests();
        this.containers = new DockerContainers(calls);
        this.images = new DockerImages(calls);
        this.networks = new DockerNetworks(calls);
        this.volumes = new DockerVolumes(calls);
        this.events = new DockerEvents(calls);
        this.swarm = new DockerSwarm(calls);
    }

    @Override
    public void ping() {
        DockerErrors.call(settings, "ping", () -> requests.pingCmd().exec());
    }

    @Override
    public EngineInfo info() {
        Info info = DockerErrors.call(settings, "read engine info", () -> requests.infoCmd().exec());
        Version version = DockerErrors.call(settings, "read engine version", () -> requests.versionCmd().exec());
        return new EngineInfo(
                text(version.getVersion()),
                text(version.getApiVersion()),
                text(info.getOperatingSystem()),
                text(info.getKernelVersion()),
                text(info.getArchitecture()),
                info.getNCPU() == null ? 0 : info.getNCPU(),
                info.getMemTotal() == null ? 0 : info.getMemTotal(),
                info.getContainers() == null ? 0 : info.getContainers(),
                info.getContainersRunning() == null ? 0 : info.getContainersRunning(),
                info.getImages() == null ? 0 : info.getImages(),
                text(info.getDriver()),
                settings.host().toString());
    }

    @Override
    public EngineVersion version() {
        Version v = DockerErrors.call(settings, "read engine version", () -> requests.versionCmd().exec());
        return new EngineVersion(text(v.getVersion()), text(v.getApiVersion()), text(v.getMinAPIVersion()),
                text(v.getOperatingSystem()), text(v.getArch()), text(v.getKernelVersion()), text(v.getGitCommit()),
                text(v.getGoVersion()));
    }

    @Override
    public Containers containers() {
        return containers;
    }

    @Override
    public Images images() {
        return images;
    }

    @Override
    public Networks networks() {
        return networks;
    }

    @Override
    public Volumes volumes() {
        return volumes;
    }

    @Override
    public Swarm swarm() {
        return swarm;
    }

    @Override
    public EngineSettings endpoint() {
        return settings;
    }

    @Override
    public Subscription events(EventFilter filter, StreamSubscriber<EngineEvent> subscriber) {
        return events.subscribe(filter, subscriber);
    }

    @Override
    public List<LogLine> recentLogs(String container, int lines) {
        return new ContainerReads(requests, DockerClients.API_VERSION, settings).recentLogs(container, lines);
    }

    @Override
    public StatsSample stats(String container) {
        return new ContainerReads(requests, DockerClients.API_VERSION, settings).stats(container);
    }

    @Override
    public EngineStreams streams() {
        // Its own clients: streams live as long as their holder (the stream hub) keeps them, not this client.
        return new DockerEngineStreams(DockerClients.streams(settings), DockerClients.requests(settings),
                DockerClients.API_VERSION, settings);
    }

    @Override
    public void close() {
        events.close();
        calls.close();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
