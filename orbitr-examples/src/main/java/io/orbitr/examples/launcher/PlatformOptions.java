package io.orbitr.examples.launcher;

import io.orbitr.core.Orbitr;
import io.orbitr.engine.EngineSettings;
import io.orbitr.store.StoreSettings;
import io.orbitr.metrics.StatsHistorySettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every command that assembles a platform shares. */
public final class PlatformOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where Orbitr keeps its files (default: ${DEFAULT-VALUE}).")
    Path dataDirectory = Path.of("orbitr-data");

    @Option(names = "--docker-host", paramLabel = "URI",
            description = "The Docker engine (default: DOCKER_HOST, else unix:///var/run/docker.sock).")
    URI dockerHost;

    @Mixin
    EngineOptions engines = new EngineOptions();

    @Mixin
    StoreOptions store = new StoreOptions();

    /** @return the store {@code --store} chooses */
    public StoreSettings storeSettings() {
        return store.settings();
    }

    @Option(names = "--stats-interval", paramLabel = "DURATION",
            description = "How often the running containers' stats are recorded: 10s, 1m, ... or off (default: ${DEFAULT-VALUE}).")
    String statsInterval = "10s";

    @Option(names = "--stats-retention", paramLabel = "DURATION",
            description = "How long recorded container stats are kept: 7d, 12h, ... (default: ${DEFAULT-VALUE}).")
    String statsRetention = "7d";

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

    /**
     * @param requestTimeout the bound on each engine request
     * @return the endpoints of {@code --engine}, with that bound
     */
    public List<EngineSettings> extraEngines(Duration requestTimeout) {
        return engines.endpoints(requestTimeout);
    }

    /**
     * @param requestTimeout the bound on each engine request
     * @return a builder for a platform with these options, its engine requests bounded so
     */
    public Orbitr.Builder builder(Duration requestTimeout) {
        Orbitr.Builder builder = Orbitr.builder().dataDirectory(dataDirectory).store(store.settings())
                .engine(engineSettings(requestTimeout))
                .statsHistory(StatsHistorySettings.parse(statsInterval, statsRetention));
        // After --docker-host: an --engine local=... wins.
        return builder.engines(extraEngines(requestTimeout));
    }

    /** @return a builder for a platform with these options */
    public Orbitr.Builder builder() {
        return builder(Duration.ofSeconds(30));
    }
}
