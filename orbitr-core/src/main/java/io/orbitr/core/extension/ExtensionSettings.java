package io.orbitr.core.extension;

import io.orbitr.InvalidValueException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the extension manager works on this host.
 *
 * @param catalogDirectories directories of manifests added to the built-in catalog
 * @param routeTarget        how routes reach a main service
 * @param settle             how long every container must keep running after a start for it to count as started
 * @param pullMissingImages  whether an image missing locally is pulled during install's checks
 */
public record ExtensionSettings(List<Path> catalogDirectories, RouteTarget routeTarget, Duration settle,
        boolean pullMissingImages) {

    /** How the proxy reaches an extension's main container. */
    public enum RouteTarget {
        /** By its address on the extension's network: a proxy running on the host (the default). */
        ADDRESS,
        /** By its container name: a proxy running in a container that joins the extension's network. */
        CONTAINER_NAME
    }

    /** Checks the values. */
    public ExtensionSettings {
        catalogDirectories = List.copyOf(catalogDirectories);
        Objects.requireNonNull(routeTarget, "routeTarget");
        Objects.requireNonNull(settle, "settle");
        if (settle.isNegative() || settle.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new InvalidValueException("settle", settle, "must be between 0 and 1 minute");
        }
    }

    /** @return no extra catalog directory, routes by address, a 1 s settle, missing images pulled */
    public static ExtensionSettings defaults() {
        return new ExtensionSettings(List.of(), RouteTarget.ADDRESS, Duration.ofSeconds(1), true);
    }

    /**
     * @param directory a directory of manifests to add to the catalog
     * @return these settings with it
     */
    public ExtensionSettings withCatalogDirectory(Path directory) {
        List<Path> directories = new ArrayList<>(catalogDirectories);
        directories.add(directory);
        return new ExtensionSettings(directories, routeTarget, settle, pullMissingImages);
    }

    /**
     * @param value how routes reach a main service
     * @return these settings with it
     */
    public ExtensionSettings withRouteTarget(RouteTarget value) {
        return new ExtensionSettings(catalogDirectories, value, settle, pullMissingImages);
    }

    /**
     * @param value whether install pulls missing images
     * @return these settings with it
     */
    public ExtensionSettings withPullMissingImages(boolean value) {
        return new ExtensionSettings(catalogDirectories, routeTarget, settle, value);
    }

    /**
     * @param value the settle time
     * @return these settings with it
     */
    public ExtensionSettings withSettle(Duration value) {
        return new ExtensionSettings(catalogDirectories, routeTarget, value, pullMissingImages);
    }
}
