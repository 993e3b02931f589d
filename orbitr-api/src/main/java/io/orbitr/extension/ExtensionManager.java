package io.orbitr.extension;

import io.orbitr.Page;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Installs, upgrades and removes extensions: apps described by a manifest, run as containers, watched by the health
 * monitor and served by the proxy on their own subdomain. Reach it with {@code orbitr.extensions()}.
 *
 * <pre>{@code
 * ExtensionManager extensions = orbitr.extensions();
 * ExtensionManifest redis = extensions.show("redis").orElseThrow().manifest();
 * extensions.install(redis, Map.of());
 * extensions.install(redis, Map.of(), InstallOptions.onEngine("edge"));   // on another engine endpoint
 * ExtensionStatus status = extensions.status("redis");
 * extensions.uninstall("redis");               // keeps the data volumes
 * }</pre>
 *
 * <p>An extension lives on one engine endpoint, {@code local} unless its install named another; every operation on
 * it goes there. Every change validates everything first and is journaled: a failure undoes what it created, and a crash in the
 * middle is completed or undone at the next start. Thread-safe: changes are serialized.
 */
public interface ExtensionManager {

    /**
     * Reads a manifest.
     *
     * @param text   the YAML (or JSON) text
     * @param source how problems name the text (a file name)
     * @return the manifest, valid
     * @throws InvalidManifestException listing every problem with its path
     */
    ExtensionManifest parse(String text, String source);

    /**
     * @param manifest a manifest
     * @return every problem with it (empty when valid), each with its path
     */
    List<ManifestProblem> validate(ExtensionManifest manifest);

    /**
     * @param limit at most this many entries
     * @param after the id after which to continue, from the previous page's {@code next}
     * @return the catalog (built-in manifests and those in the configured directories), by id
     */
    Page<CatalogEntry> catalog(int limit, Optional<String> after);

    /**
     * @param text     matched against id, name and description, case-insensitively; empty for any
     * @param category an exact category; empty for any
     * @return the matching catalog entries, by id
     */
    List<CatalogEntry> search(String text, Optional<String> category);

    /**
     * @param id an extension id
     * @return its catalog entry
     */
    Optional<CatalogEntry> show(String id);

    /**
     * Installs an extension, having first checked everything (the manifest, the inputs, host ports, the subdomain
     * and route, dependencies, images); on any failure what was created is removed again.
     *
     * @param manifest the manifest
     * @param inputs   values of its inputs by name
     * @return the installed extension
     * @throws InvalidManifestException listing every problem with the manifest and inputs
     * @throws io.orbitr.ConflictException when it is installed, a port is taken or the route clashes
     * @throws io.orbitr.NotFoundException when a dependency is not installed or an image is missing
     */
    default InstalledExtension install(ExtensionManifest manifest, Map<String, String> inputs) {
        return install(manifest, inputs, ExtensionProgress.NONE);
    }

    /**
     * As {@link #install(ExtensionManifest, Map)}, reporting each step.
     *
     * @param manifest the manifest
     * @param inputs   values of its inputs by name
     * @param progress hears each step
     * @return the installed extension
     */
    default InstalledExtension install(ExtensionManifest manifest, Map<String, String> inputs,
            ExtensionProgress progress) {
        return install(manifest, inputs, InstallOptions.defaults().withProgress(progress));
    }

    /**
     * As {@link #install(ExtensionManifest, Map)}, on the engine endpoint the options name (kept with the install:
     * every later operation on the extension goes there). On an endpoint reached over TCP at another address, the
     * route and the default {@code http} check reach the main service through the port it publishes on that
     * endpoint's host, so such a manifest must publish its route's port.
     *
     * @param manifest the manifest
     * @param inputs   values of its inputs by name
     * @param options  the engine endpoint and who hears the steps
     * @return the installed extension
     * @throws io.orbitr.InvalidValueException when the endpoint is not configured (field {@code engine})
     * @throws io.orbitr.UnavailableException  when the endpoint does not answer (naming it)
     */
    InstalledExtension install(ExtensionManifest manifest, Map<String, String> inputs, InstallOptions options);

    /**
     * Removes an extension's containers, network, cache volumes, health targets and route; keeps its data volumes.
     *
     * @param id the extension
     * @throws io.orbitr.NotFoundException when it is not installed
     * @throws io.orbitr.ConflictException when an installed extension depends on it
     */
    default void uninstall(String id) {
        uninstall(id, false);
    }

    /**
     * @param id    the extension
     * @param purge also remove its data volumes and data directory
     */
    void uninstall(String id, boolean purge);

    /**
     * Upgrades an extension to a new manifest with the same id: keeps its inputs, generated secrets and volumes,
     * recreates the containers that changed, and rolls back to the previous ones when the main service is not
     * healthy within the start period.
     *
     * @param id       the extension
     * @param manifest the new manifest
     * @return the extension after the upgrade
     * @throws io.orbitr.OrbitrException when the new version did not become healthy (after the rollback)
     */
    InstalledExtension upgrade(String id, ExtensionManifest manifest);

    /** @param id the extension, whose containers are started in dependency order */
    void start(String id);

    /** @param id the extension, whose containers are stopped in reverse dependency order */
    void stop(String id);

    /** @param id the extension, stopped then started */
    void restart(String id);

    /**
     * @param id the extension
     * @return its containers, health and route
     */
    ExtensionStatus status(String id);

    /**
     * @param id an extension id
     * @return the installed extension, or empty
     */
    Optional<InstalledExtension> find(String id);

    /**
     * @param limit at most this many
     * @param after the id after which to continue
     * @return installed extensions, by id
     */
    Page<InstalledExtension> list(int limit, Optional<String> after);
}
