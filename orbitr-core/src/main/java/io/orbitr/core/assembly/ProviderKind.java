package io.orbitr.core.assembly;

import io.orbitr.engine.ContainerEngineProvider;
import io.orbitr.health.HealthCheckProvider;
import io.orbitr.notify.NotificationSink;
import io.orbitr.proxy.ProxyGenerator;
import io.orbitr.spi.FeatureProvider;
import io.orbitr.spi.Provider;
import java.util.List;
import java.util.Map;

/**
 * The SPIs the platform discovers, each with the name it is shown under and the artifacts that provide its
 * well-known ids, so that a missing capability can name the module to add.
 *
 * @param type             the SPI interface
 * @param label            how status output and errors name it
 * @param artifactsById    well-known provider ids and the artifact that brings each
 * @param defaultArtifact  the artifact to suggest for an id not listed
 */
public record ProviderKind(Class<? extends Provider> type, String label, Map<String, String> artifactsById,
        String defaultArtifact) {

    /** The container engine SPI. */
    public static final ProviderKind ENGINE = new ProviderKind(ContainerEngineProvider.class,
            "container engine provider", Map.of("docker", "orbitr-docker"), "orbitr-docker");
    /** The health check SPI. */
    public static final ProviderKind HEALTH_CHECK = new ProviderKind(HealthCheckProvider.class,
            "health check provider", Map.of("http", "orbitr-core", "tcp", "orbitr-core", "command", "orbitr-core",
                    "process", "orbitr-core", "log-pattern", "orbitr-core", "memory", "orbitr-core",
                    "docker", "orbitr-docker"),
            "a jar that provides it (see README: writing a health check)");
    /** The proxy generator SPI. */
    public static final ProviderKind PROXY = new ProviderKind(ProxyGenerator.class, "proxy generator",
            Map.of("traefik", "orbitr-proxy-traefik", "caddy", "orbitr-proxy-caddy"),
            "a jar that provides it (see README: Reverse proxy)");
    /** The feature SPI. */
    public static final ProviderKind FEATURE = new ProviderKind(FeatureProvider.class, "feature provider",
            Map.of("jdclient", "orbitr-jdclient"), "orbitr-jdclient");

    /** The notification sink SPI. */
    public static final ProviderKind NOTIFICATION = new ProviderKind(NotificationSink.class, "notification sink",
            Map.of("webhook", "orbitr-core"), "a jar that provides it (see README: notification sinks)");

    /** @return every SPI the platform discovers, in the order status output lists them */
    public static List<ProviderKind> all() {
        return List.of(ENGINE, HEALTH_CHECK, PROXY, FEATURE, NOTIFICATION);
    }

    /**
     * @param id a provider id
     * @return the artifact that brings a provider of that id
     */
    public String artifactFor(String id) {
        return artifactsById.getOrDefault(id, defaultArtifact);
    }
}
