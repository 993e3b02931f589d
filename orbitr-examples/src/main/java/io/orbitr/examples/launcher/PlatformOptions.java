package io.orbitr.examples.launcher;

import io.orbitr.core.Orbitr;
import io.orbitr.engine.EngineSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that assembles a platform shares. */
public final class PlatformOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where Orbitr keeps its files (default: ${DEFAULT-VALUE}).")
    Path dataDirectory = Path.of("orbitr-data");

    @Option(names = "--docker-host", paramLabel = "URI",
            description = "The Docker engine (default: DOCKER_HOST, else unix:///var/run/docker.sock).")
    URI dockerHost;

    /** @return the data directory */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * @param requestTimeout the bound on each engine request
     * @return where the engine is, from the option, else DOCKER_HOST, else the local socket
     */
    public EngineSettings engineSettings(Duration requestTimeout) {
        EngineSettings base = dockerHost != null ? EngineSettings.of(dockerHost)
                : EngineSettings.fromEnvironment(Optional.ofNullable(System.getenv("DOCKER_HOST")));
        return new EngineSettings(base.host(), requestTimeout, Duration.ofMillis(Math.min(1000,
                requestTimeout.toMillis())));
    }

    /** @return a builder for a platform with these options */
    public Orbitr.Builder builder() {
        return Orbitr.builder().dataDirectory(dataDirectory).engine(engineSettings(Duration.ofSeconds(30)));
    }
}
