package io.orbitr.docker.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import io.orbitr.OrbitrException;
import io.orbitr.docker.stream.ContainerReads;
import io.orbitr.docker.stream.DockerEngineStreams;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineStreams;
import io.orbitr.engine.ExecResult;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StatsSample;
import java.time.Duration;
import java.util.List;
import io.orbitr.engine.EngineInfo;
import io.orbitr.engine.EngineSettings;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Docker engine through docker-java. Thread-safe. */
final class DockerEngine implements ContainerEngine {
    private static final Logger log = LoggerFactory.getLogger(DockerEngine.class);

    private final EngineSettings settings;
    private final DockerClient requests;

    DockerEngine(EngineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.requests = DockerClients.requests(settings);
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
    public ExecResult exec(String container, List<String> command, Duration timeout, int maxOutputBytes) {
        throw new OrbitrException("exec is not implemented yet");
    }

    @Override
    public void restart(String container, Duration timeout) {
        throw new OrbitrException("restart is not implemented yet");
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
        try {
            requests.close();
        } catch (IOException e) {
            log.debug("closing the Docker client failed", e);
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
