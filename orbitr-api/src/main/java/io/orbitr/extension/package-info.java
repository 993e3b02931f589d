/**
 * Extensions: apps installed from a manifest ({@code orbitr-extension.yml}) as containers, each with its health
 * checks and a proxy route on its own subdomain. The typed manifest ({@link io.orbitr.extension.ExtensionManifest}
 * and its parts), the problems a manifest can have ({@link io.orbitr.extension.ManifestProblem},
 * {@link io.orbitr.extension.InvalidManifestException}), and the host-facing
 * {@link io.orbitr.extension.ExtensionManager} with the values it returns.
 */
package io.orbitr.extension;
