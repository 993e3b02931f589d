package io.orbitr.core.engine;

import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.Containers;
import io.orbitr.engine.EngineEvent;
import io.orbitr.engine.EngineInfo;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.EngineStreams;
import io.orbitr.engine.EngineVersion;
import io.orbitr.engine.EventFilter;
import io.orbitr.engine.ExecResult;
import io.orbitr.engine.Images;
import io.orbitr.engine.Networks;
import io.orbitr.engine.Volumes;
import io.orbitr.engine.swarm.Swarm;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StatsSample;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The engine of one endpoint as the platform hands it out: a stable object that forwards to the endpoint's current
 * client, so that a holder keeps working when the endpoint is saved anew (and its client replaced). The platform
 * owns the clients: {@link #close()} does nothing.
 */
final class EndpointEngine implements ContainerEngine {
    private final String name;
    private final Supplier<ContainerEngine> current;
    private final Supplier<EngineSettings> settings;

    EndpointEngine(String name, Supplier<ContainerEngine> current, Supplier<EngineSettings> settings) {
        this.name = name;
        this.current = current;
        this.settings = settings;
    }

    @Override
    public void ping() {
        current.get().ping();
    }

    @Override
    public EngineInfo info() {
        return current.get().info();
    }

    @Override
    public EngineVersion version() {
        return current.get().version();
    }

    @Override
    public Containers containers() {
        return current.get().containers();
    }

    @Override
    public Images images() {
        return current.get().images();
    }

    @Override
    public Networks networks() {
        return current.get().networks();
    }

    @Override
    public Volumes volumes() {
        return current.get().volumes();
    }

    @Override
    public Swarm swarm() {
        return current.get().swarm();
    }

    @Override
    public EngineSettings endpoint() {
        // Without connecting: the settings are known before the first call.
        return settings.get();
    }

    @Override
    public Subscription events(EventFilter filter, StreamSubscriber<EngineEvent> subscriber) {
        return current.get().events(filter, subscriber);
    }

    @Override
    public ExecResult exec(String container, List<String> command, Duration timeout, int maxOutputBytes) {
        return current.get().exec(container, command, timeout, maxOutputBytes);
    }

    @Override
    public void restart(String container, Duration timeout) {
        current.get().restart(container, timeout);
    }

    @Override
    public List<LogLine> recentLogs(String container, int lines) {
        return current.get().recentLogs(container, lines);
    }

    @Override
    public StatsSample stats(String container) {
        return current.get().stats(container);
    }

    @Override
    public EngineStreams streams() {
        return current.get().streams();
    }

    /** Does nothing: the platform closes the endpoint's client. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "engine endpoint " + name;
    }
}
