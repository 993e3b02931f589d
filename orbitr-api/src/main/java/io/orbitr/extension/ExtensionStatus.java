package io.orbitr.extension;

import io.orbitr.health.HealthStatus;
import io.orbitr.health.TargetStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An installed extension's containers, health and route.
 *
 * @param extension   the extension
 * @param services    its services' containers
 * @param checks      its health targets
 * @param health      the worst status of its checks ({@code UNKNOWN} when it has none)
 * @param url         where the route serves it, when it has a route
 * @param differences how the engine differs from the manifest (a missing container, another image)
 */
public record ExtensionStatus(InstalledExtension extension, List<ServiceStatus> services, List<TargetStatus> checks,
        HealthStatus health, Optional<String> url, List<String> differences) {
    /** Checks for nulls and freezes the lists. */
    public ExtensionStatus {
        Objects.requireNonNull(extension, "extension");
        services = Values.list("services", services);
        checks = Values.list("checks", checks);
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(url, "url");
        differences = Values.list("differences", differences);
    }
}
